import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RISK_LEVELS } from './model';
import {
  RISK_QUESTIONS,
  RISK_THRESHOLDS,
  assessRisk,
  levelForScore,
  riskLevel,
  riskScore,
  validateRiskAnswers,
  type RiskAnswers,
} from './risk';

/** Answers choosing option `index` (clamped to the last) of every question. */
function answersAt(index: number): RiskAnswers {
  const out: RiskAnswers = {};
  for (const q of RISK_QUESTIONS) out[q.id] = q.options[Math.min(index, q.options.length - 1)]!.score;
  return out;
}

const lowest = answersAt(0);
const highest = answersAt(99);

const anyAnswers = fc.tuple(
  ...RISK_QUESTIONS.map((q) => fc.constantFrom(...q.options.map((o) => o.score))),
) as fc.Arbitrary<number[]>;
const toAnswers = (scores: number[]): RiskAnswers =>
  Object.fromEntries(RISK_QUESTIONS.map((q, i) => [q.id, scores[i]!]));

describe('the questionnaire', () => {
  it('has five to seven questions with unique ids and unique scores per question', () => {
    expect(RISK_QUESTIONS.length).toBeGreaterThanOrEqual(5);
    expect(RISK_QUESTIONS.length).toBeLessThanOrEqual(7);
    expect(new Set(RISK_QUESTIONS.map((q) => q.id)).size).toBe(RISK_QUESTIONS.length);
    for (const q of RISK_QUESTIONS) {
      expect(q.options.length).toBeGreaterThanOrEqual(2);
      expect(new Set(q.options.map((o) => o.score)).size).toBe(q.options.length);
    }
  });

  it('can reach every level', () => {
    expect(riskLevel(lowest)).toBe('low');
    expect(riskLevel(highest)).toBe('very_high');
    expect(riskScore(highest)).toBeGreaterThanOrEqual(RISK_THRESHOLDS.very_high);
  });
});

describe('levelForScore', () => {
  it('applies the documented thresholds at their edges', () => {
    expect(levelForScore(0)).toBe('low');
    expect(levelForScore(5)).toBe('low');
    expect(levelForScore(6)).toBe('moderate');
    expect(levelForScore(11)).toBe('moderate');
    expect(levelForScore(12)).toBe('high');
    expect(levelForScore(17)).toBe('high');
    expect(levelForScore(18)).toBe('very_high');
    expect(levelForScore(25)).toBe('very_high');
  });

  it('never lowers the level when the score grows', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.nat(40), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return RISK_LEVELS.indexOf(levelForScore(lo)) <= RISK_LEVELS.indexOf(levelForScore(hi));
      }),
    );
  });
});

describe('riskLevel', () => {
  it('scores a routine, tested, reversible change out of hours as low', () => {
    expect(riskScore(lowest)).toBe(0);
    expect(riskLevel(lowest, 'normal')).toBe('low');
  });

  it('adds the scores of the chosen options', () => {
    const answers = { ...lowest, scope: 4, outage: 4 };
    expect(riskScore(answers)).toBe(8);
    expect(riskLevel(answers)).toBe('moderate');
  });

  it('makes a change that cannot be backed out at least moderate', () => {
    const answers = { ...lowest, backout: 5 };
    expect(riskScore(answers)).toBe(5);
    expect(riskLevel(answers)).toBe('moderate');
  });

  it('makes an emergency change at least high, whatever the answers', () => {
    fc.assert(
      fc.property(anyAnswers, (scores) => {
        const level = riskLevel(toAnswers(scores), 'emergency');
        return level === 'high' || level === 'very_high';
      }),
    );
    expect(riskLevel(highest, 'emergency')).toBe('very_high');
  });

  it('is the same for standard and normal changes', () => {
    fc.assert(
      fc.property(anyAnswers, (scores) => {
        const answers = toAnswers(scores);
        return riskLevel(answers, 'standard') === riskLevel(answers, 'normal');
      }),
    );
  });
});

describe('validateRiskAnswers', () => {
  it('accepts a complete set of known options', () => {
    expect(validateRiskAnswers(lowest)).toEqual({ ok: true, answers: lowest });
  });

  it('names every unanswered question', () => {
    const { scope: _scope, timing: _timing, ...partial } = lowest;
    const result = validateRiskAnswers(partial);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['scope', 'timing']);
  });

  it('refuses scores that are not an option, and unknown questions', () => {
    const result = validateRiskAnswers({ ...lowest, scope: 3, colour: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.scope).toMatch(/not one of the answers/);
      expect(result.errors.colour).toMatch(/Unknown question/);
    }
  });

  it('refuses values that are not a map', () => {
    for (const value of [null, 3, 'low', [1, 2]]) {
      expect(validateRiskAnswers(value)).toMatchObject({ ok: false, errors: { form: expect.any(String) } });
    }
  });
});

describe('assessRisk', () => {
  it('returns the level and score of valid answers', () => {
    expect(assessRisk(highest, 'normal')).toMatchObject({ ok: true, risk: 'very_high', score: 25 });
  });

  it('returns the errors and no level for incomplete answers', () => {
    expect(assessRisk({}, 'normal')).toMatchObject({ ok: false });
    expect('risk' in assessRisk({}, 'normal')).toBe(false);
  });
});
