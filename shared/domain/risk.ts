/**
 * Change risk questionnaire. Each answer scores the change; the total decides the risk level:
 *
 *   total  0-5   low        (routine, reversible, little exposure)
 *   total  6-11  moderate
 *   total 12-17  high
 *   total 18+    very high  (the maximum is 25)
 *
 * Some answers are serious enough on their own to lift the level whatever the total
 * (see `RISK_FLOORS`): a change that cannot be backed out is at least moderate, and an
 * emergency change is at least high because it skips the usual preparation.
 *
 * Answers are stored as question id -> the chosen option's score, so every score is unique
 * within its question and the chosen option can be read back from the stored number.
 */
import { RISK_LEVELS, type ChangeType, type RiskLevel } from './model';

export interface RiskOption {
  score: number;
  label: string;
}

export interface RiskQuestion {
  id: string;
  text: string;
  options: readonly RiskOption[];
}

export const RISK_QUESTIONS: readonly RiskQuestion[] = [
  {
    id: 'scope',
    text: 'Who is affected if the change goes wrong?',
    options: [
      { score: 0, label: 'One person or device' },
      { score: 2, label: 'One team or site' },
      { score: 4, label: 'Several teams or sites' },
      { score: 6, label: 'The whole organisation or a customer-facing service' },
    ],
  },
  {
    id: 'outage',
    text: 'Does the change interrupt a service?',
    options: [
      { score: 0, label: 'No interruption' },
      { score: 2, label: 'Degraded service for a short time' },
      { score: 4, label: 'A planned outage' },
    ],
  },
  {
    id: 'tested',
    text: 'Has it been tested in a test environment?',
    options: [
      { score: 0, label: 'Yes, fully' },
      { score: 2, label: 'Partly' },
      { score: 4, label: 'No' },
    ],
  },
  {
    id: 'backout',
    text: 'How hard is it to back out?',
    options: [
      { score: 0, label: 'Quick and simple (under 15 minutes)' },
      { score: 2, label: 'Possible, but it takes a while' },
      { score: 5, label: 'Difficult or impossible' },
    ],
  },
  {
    id: 'experience',
    text: 'Has the team made this change before?',
    options: [
      { score: 0, label: 'Routinely' },
      { score: 1, label: 'Once or twice' },
      { score: 3, label: 'Never' },
    ],
  },
  {
    id: 'timing',
    text: 'When will it be carried out?',
    options: [
      { score: 0, label: 'Outside business hours' },
      { score: 3, label: 'During business hours' },
    ],
  },
];

/** Lowest total of each level; below `moderate` the risk is low. */
export const RISK_THRESHOLDS: Readonly<Record<Exclude<RiskLevel, 'low'>, number>> = {
  moderate: 6,
  high: 12,
  very_high: 18,
};

/** Single answers that lift the level whatever the total: question id, score, at least. */
export const RISK_FLOORS: readonly { questionId: string; score: number; atLeast: RiskLevel }[] = [
  { questionId: 'backout', score: 5, atLeast: 'moderate' },
];

/** Level an emergency change has at least: it is prepared in a hurry, by definition. */
export const EMERGENCY_FLOOR: RiskLevel = 'high';

export type RiskAnswers = Record<string, number>;

export type RiskCheck = { ok: true; answers: RiskAnswers } | { ok: false; errors: Record<string, string> };

/**
 * Every question answered with one of its options, nothing else. Errors are keyed by question
 * id (or `form` for a value that is not a map at all), so a form can show them per question.
 */
export function validateRiskAnswers(value: unknown): RiskCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: { form: 'The risk answers are not readable.' } };
  }
  const given = value as Record<string, unknown>;
  const errors: Record<string, string> = {};
  const answers: RiskAnswers = {};
  for (const question of RISK_QUESTIONS) {
    const score = given[question.id];
    if (score === undefined || score === null) {
      errors[question.id] = 'Choose an answer.';
    } else if (!question.options.some((o) => o.score === score)) {
      errors[question.id] = 'This is not one of the answers.';
    } else {
      answers[question.id] = score as number;
    }
  }
  for (const key of Object.keys(given)) {
    if (!RISK_QUESTIONS.some((q) => q.id === key)) errors[key] = `Unknown question "${key}".`;
  }
  return Object.keys(errors).length === 0 ? { ok: true, answers } : { ok: false, errors };
}

/** Sum of the scores of known questions (unknown keys are ignored). */
export function riskScore(answers: RiskAnswers): number {
  return RISK_QUESTIONS.reduce((sum, q) => sum + (answers[q.id] ?? 0), 0);
}

function rank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

export function maxRisk(a: RiskLevel, b: RiskLevel): RiskLevel {
  return rank(a) >= rank(b) ? a : b;
}

export function levelForScore(score: number): RiskLevel {
  if (score >= RISK_THRESHOLDS.very_high) return 'very_high';
  if (score >= RISK_THRESHOLDS.high) return 'high';
  if (score >= RISK_THRESHOLDS.moderate) return 'moderate';
  return 'low';
}

/** The risk level of (validated) answers for a change of `changeType`. */
export function riskLevel(answers: RiskAnswers, changeType: ChangeType | '' = ''): RiskLevel {
  let level = levelForScore(riskScore(answers));
  for (const floor of RISK_FLOORS) {
    if (answers[floor.questionId] === floor.score) level = maxRisk(level, floor.atLeast);
  }
  if (changeType === 'emergency') level = maxRisk(level, EMERGENCY_FLOOR);
  return level;
}

export type RiskAssessment =
  | { ok: true; answers: RiskAnswers; score: number; risk: RiskLevel }
  | { ok: false; errors: Record<string, string> };

/** Validates the answers and computes the level: what the risk form saves. */
export function assessRisk(value: unknown, changeType: ChangeType | '' = ''): RiskAssessment {
  const checked = validateRiskAnswers(value);
  if (!checked.ok) return checked;
  return {
    ok: true,
    answers: checked.answers,
    score: riskScore(checked.answers),
    risk: riskLevel(checked.answers, changeType),
  };
}
