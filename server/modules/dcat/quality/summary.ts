// An organization's quality at a glance: how many of its datasets are at each rating, the average
// score and per-dimension averages, and the indicators most often missing (what to work on first).
import type { DatasetScore } from './score.js';
import { INDICATORS, MAX_POINTS } from './indicators.js';
import { DIMENSIONS, DIMENSION_LABELS, RATING_LABELS, type Dimension, type Rating, type Text } from './text.js';

export interface OrganizationSummary {
  organization: { id: string; name: string; title: string };
  datasets: number;
  ratings: Record<Rating, number>;
  average_score: number;
  max: number;
  average_rating: Rating | null;
  average_rating_label: Text | null;
  dimensions: Record<Dimension, { average: number; max: number; label: Text }>;
  most_common_missing: { id: string; dimension: Dimension; label: Text; advice: Text; points: number; datasets: number }[];
  /** datasets scored 0 on an indicator only because Kho has no status for their links */
  unknown: Record<string, number>;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function summarize(
  organization: OrganizationSummary['organization'],
  scores: readonly DatasetScore[],
  ratingOf: (points: number) => Rating,
  top = 5,
): OrganizationSummary {
  const n = scores.length;
  const avg = (sum: number) => (n ? round1(sum / n) : 0);
  const ratings: Record<Rating, number> = { Excellent: 0, Good: 0, Sufficient: 0, Bad: 0 };
  const missing = new Map<string, number>();
  const unknown: Record<string, number> = {};
  for (const s of scores) {
    ratings[s.rating] += 1;
    for (const i of s.indicators) {
      if (i.status === 'met') continue;
      missing.set(i.id, (missing.get(i.id) ?? 0) + 1);
      if (i.status === 'unknown') unknown[i.id] = (unknown[i.id] ?? 0) + 1;
    }
  }
  const average = avg(scores.reduce((sum, s) => sum + s.score, 0));
  const dimensions = Object.fromEntries(DIMENSIONS.map((d) => [d, {
    average: avg(scores.reduce((sum, s) => sum + s.dimensions[d].score, 0)),
    max: INDICATORS.filter((i) => i.dimension === d).reduce((sum, i) => sum + i.points, 0),
    label: DIMENSION_LABELS[d],
  }])) as OrganizationSummary['dimensions'];
  // Most datasets first; among equals, the indicator worth more.
  const most = INDICATORS.filter((i) => missing.has(i.id))
    .map((i) => ({ id: i.id, dimension: i.dimension, label: i.label, advice: i.advice, points: i.points, datasets: missing.get(i.id)! }))
    .sort((a, b) => b.datasets - a.datasets || b.points - a.points || a.id.localeCompare(b.id))
    .slice(0, top);
  const averageRating = n ? ratingOf(average) : null;
  return {
    organization,
    datasets: n,
    ratings,
    average_score: average,
    max: MAX_POINTS,
    average_rating: averageRating,
    average_rating_label: averageRating ? RATING_LABELS[averageRating] : null,
    dimensions,
    most_common_missing: most,
    unknown,
  };
}
