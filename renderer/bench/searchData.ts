/**
 * Extra documents for the search benchmark: the demo team has a few hundred CIs and a few dozen
 * articles, the benchmark wants 20,000 and 5,000. Deterministic (same seed, same documents, same
 * ids), so a second run finds them in place. Article bodies also carry a large made-up
 * vocabulary (product names, error codes) so typo matching scans a vocabulary of real size.
 */
import { ARTICLE_SPECS } from '../../shared/demo/articles';
import { LOCATIONS, MODELS } from '../../shared/demo/catalog';
import { createRandom, pick, randomInt, type Random } from '../../shared/demo/random';
import { ERRORS } from '../../shared/demo/ticket-text';
import { CROCKFORD } from '../../shared/domain/ids';
import { MAX_TIME, type ArticleDoc, type CiClass, type CiDoc } from '../../shared/domain/model';

const SEED = 0x5ea7c4;
const NOW = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;
const HW_CLASSES: CiClass[] = ['laptop', 'desktop', 'mobile', 'printer', 'server', 'network'];
const CLASS_CODES: Partial<Record<CiClass, string>> = {
  laptop: 'LT',
  desktop: 'DT',
  mobile: 'MB',
  printer: 'PRN',
  server: 'SRV',
  network: 'SW',
};
const STATES = ['deployed', 'deployed', 'deployed', 'in_stock', 'maintenance', 'retired'] as const;

function code(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CROCKFORD[Math.floor(random() * 32)];
  return out;
}

/** Ids sort by index, so they never collide with the demo team's ULIDs. */
const padded = (i: number) => String(i).padStart(8, '0');

export function benchCi(i: number, ownerId: string): CiDoc {
  const random = createRandom(SEED, i);
  const ciClass = pick(random, HW_CLASSES);
  const model = pick(random, MODELS[ciClass] ?? MODELS.laptop!);
  const site = pick(random, LOCATIONS).key.toUpperCase().slice(0, 3);
  const updatedAt = NOW - randomInt(random, 0, 700) * DAY;
  return {
    id: `ci_BENCH${padded(i)}`,
    type: 'ci',
    ciClass,
    name: `${site}-${CLASS_CODES[ciClass] ?? 'CI'}-${String(i).padStart(5, '0')}`,
    assetTag: `AT-${String(500_000 + i).padStart(6, '0')}`,
    serial: `${model.serialPrefix}${code(random, Math.max(4, model.serialLength - model.serialPrefix.length))}`,
    state: pick(random, STATES),
    locationId: '',
    ownerId,
    attributes: { manufacturer: model.manufacturer, model: model.model },
    createdAt: updatedAt - 30 * DAY,
    updatedAt,
    updatedBy: ownerId,
  };
}

const SYLLABLES = 'ka lo mi ner tra vex qui sol dan rip tor mex ba zu fel gon pri sta lum cor dex'.split(' ');

/** A made-up product or component name: 20^3 = 8,000 of them, plus suffixed variants. */
function madeUpWord(random: Random): string {
  const w = pick(random, SYLLABLES) + pick(random, SYLLABLES) + pick(random, SYLLABLES);
  return random() < 0.5 ? w : w + pick(random, ['ix', 'on', 'er', 'al', 'ia']);
}

export function benchArticle(i: number, ownerId: string): ArticleDoc {
  const random = createRandom(SEED + 1, i);
  const spec = pick(random, ARTICLE_SPECS);
  const product = madeUpWord(random);
  const steps = spec.steps.split('|');
  const extra = Array.from({ length: randomInt(random, 20, 60) }, () => madeUpWord(random)).join(' ');
  const body = [
    `# ${spec.title} (${product})`,
    '',
    spec.summary,
    '',
    '## Steps',
    ...steps.map((s, k) => `${k + 1}. ${s}`),
    '',
    `## Known error codes`,
    '',
    `${pick(random, ERRORS)}, ${pick(random, ERRORS)} and 0x8007${code(random, 4)}.`,
    '',
    `## Related components`,
    '',
    extra,
  ].join('\n');
  const updatedAt = NOW - randomInt(random, 0, 900) * DAY;
  return {
    id: `kb_BENCH${padded(i)}`,
    type: 'article',
    title: `${spec.title} (${product})`,
    body,
    category: spec.category,
    tags: spec.tags.split(' '),
    state: random() < 0.7 ? 'published' : pick(random, ['draft', 'review', 'retired'] as const),
    version: 1,
    ownerId,
    sortDesc: MAX_TIME - updatedAt,
    createdAt: updatedAt - 10 * DAY,
    updatedAt,
    updatedBy: ownerId,
  };
}
