// A dataset's MQA score: every indicator's points, the dimensions' sums, the rating, and what to
// add to reach the next rating.
import { mandatoryProperties, COMPLIANCE_METHOD } from './compliance.js';
import type { Outcome } from './indicators.js';
import type { DatasetFacts, LinkState } from './facts.js';
import { INDICATORS, MAX_POINTS, type Indicator, type Status } from './indicators.js';
import { DIMENSIONS, DIMENSION_LABELS, RATING_LABELS, type Dimension, type Rating, type Text } from './text.js';

/** MQA's rating bands, best first: the least points each needs. */
export const RATINGS: readonly { rating: Rating; min: number }[] = [
  { rating: 'Excellent', min: 351 },
  { rating: 'Good', min: 221 },
  { rating: 'Sufficient', min: 121 },
  { rating: 'Bad', min: 0 },
];

export function ratingOf(points: number): Rating {
  return RATINGS.find((r) => points >= r.min)!.rating;
}

export interface IndicatorScore {
  id: string;
  dimension: Dimension;
  property: string;
  label: Text;
  points: number;
  max: number;
  status: Status;
  /** what is missing, or why Kho cannot tell (status unknown) */
  missing?: Text;
  advice?: Text;
}

export interface NextRating {
  rating: Rating;
  label: Text;
  /** points still needed */
  needs: number;
  /** the fewest indicators (largest first) whose points close the gap */
  add: { id: string; points: number; advice: Text }[];
  message: Text;
}

export interface DatasetScore {
  dataset: { id: string; name: string; title: string };
  score: number;
  max: number;
  rating: Rating;
  rating_label: Text;
  dimensions: Record<Dimension, { score: number; max: number; label: Text }>;
  indicators: IndicatorScore[];
  next_rating: NextRating | null;
  /** indicators Kho could not decide without an HTTP request (scored 0) */
  unknown: string[];
  /** what Kho knew of each linked resource's URL (its last DataStore fetch), when it knew anything */
  links?: ({ resource_id: string } & LinkState)[];
  method: { source: string; distributions: string; dcat_ap_compliance: string; accessibility: string };
}

const METHOD = {
  source: 'data.europa.eu Metadata Quality Assessment methodology (https://data.europa.eu/mqa/methodology)',
  distributions: 'a distribution indicator is met when one distribution meets it',
  dcat_ap_compliance: COMPLIANCE_METHOD,
  accessibility: 'uploads served by Kho are accessible; a link is as the DataStore last fetched it, else unknown (no HTTP request is made to score)',
};

/**
 * The indicators to add to close the gap, in few steps and little work: the smallest one that
 * closes what is left, else the largest, again until nothing is left.
 */
function toAdd(open: IndicatorScore[], gap: number): IndicatorScore[] {
  const worth = (i: IndicatorScore) => i.max - i.points;
  const pool = [...open].sort((a, b) => worth(b) - worth(a) || a.id.localeCompare(b.id));
  const chosen: IndicatorScore[] = [];
  let rest = gap;
  while (rest > 0 && pool.length) {
    const closers = pool.filter((i) => worth(i) >= rest);
    const pick = closers.length ? closers.reduce((a, b) => (worth(b) < worth(a) ? b : a)) : pool[0]!;
    chosen.push(pick);
    pool.splice(pool.indexOf(pick), 1);
    rest -= worth(pick);
  }
  return chosen;
}

function nextRating(score: number, indicators: IndicatorScore[]): NextRating | null {
  const current = RATINGS.findIndex((r) => score >= r.min);
  if (current <= 0) return null;
  const next = RATINGS[current - 1]!;
  const needs = next.min - score;
  const add = toAdd(indicators.filter((i) => i.status !== 'met'), needs);
  const label = RATING_LABELS[next.rating];
  return {
    rating: next.rating,
    label,
    needs,
    add: add.map((i) => ({ id: i.id, points: i.max - i.points, advice: i.advice! })),
    message: {
      en: `${needs} more points reach ${label.en}: ${add.map((i) => `${i.advice!.en.replace(/\.$/, '')} (+${i.max - i.points})`).join('; ')}.`,
      vi: `Cần thêm ${needs} điểm để đạt mức ${label.vi}: ${add.map((i) => `${i.advice!.vi.replace(/\.$/, '')} (+${i.max - i.points})`).join('; ')}.`,
    },
  };
}

function scoreIndicator(i: Indicator, f: DatasetFacts, dcatAp: (f: DatasetFacts) => Outcome): IndicatorScore {
  const outcome = i.check(f, dcatAp);
  const met = outcome.status === 'met';
  return {
    id: i.id, dimension: i.dimension, property: i.property, label: i.label,
    points: met ? i.points : 0, max: i.points, status: outcome.status,
    ...(met ? {} : { missing: outcome.why, advice: i.advice }),
  };
}

/**
 * `dcatAp` decides DCAT-AP compliance: on the published graph where the caller made one
 * (compliance.ts, complianceOf), else on the dict.
 */
export function scoreDataset(f: DatasetFacts, dcatAp: (f: DatasetFacts) => Outcome = mandatoryProperties): DatasetScore {
  const indicators = INDICATORS.map((i) => scoreIndicator(i, f, dcatAp));
  const dimensions = Object.fromEntries(DIMENSIONS.map((d) => {
    const own = indicators.filter((i) => i.dimension === d);
    return [d, { score: own.reduce((n, i) => n + i.points, 0), max: own.reduce((n, i) => n + i.max, 0), label: DIMENSION_LABELS[d] }];
  })) as DatasetScore['dimensions'];
  const score = indicators.reduce((n, i) => n + i.points, 0);
  const rating = ratingOf(score);
  return {
    dataset: { id: f.id, name: f.name, title: f.title },
    score,
    max: MAX_POINTS,
    rating,
    rating_label: RATING_LABELS[rating],
    dimensions,
    indicators,
    next_rating: nextRating(score, indicators),
    unknown: indicators.filter((i) => i.status === 'unknown').map((i) => i.id),
    method: METHOD,
  };
}
