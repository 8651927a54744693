import type { CiClass } from '../../../shared/domain/model';

/** Mantine palette name per class: graph nodes and badges agree. */
export const CLASS_COLORS: Readonly<Record<CiClass, string>> = {
  business_service: 'grape',
  application: 'blue',
  database: 'teal',
  server: 'indigo',
  laptop: 'cyan',
  desktop: 'cyan',
  mobile: 'lime',
  network: 'orange',
  printer: 'yellow',
  licence: 'pink',
  generic: 'gray',
};

export function classColor(ciClass: string): string {
  return (CLASS_COLORS as Record<string, string>)[ciClass] ?? 'gray';
}
