import { useMemo } from 'react';
import { indexByTag, reconcile, type AuditReport, type ScanFacts } from '../../../shared/domain/audits';
import type { AuditDoc, CiDoc } from '../../../shared/domain/model';
import { observeAssets } from '../../data/assets';
import { observeAudit, observeScans } from '../../data/audits';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useUi } from '../../state/ui';
import { useDirectory } from '../../app/people';

export interface AuditData {
  /** undefined while loading, null when it does not exist. */
  audit: AuditDoc | null | undefined;
  scans: ScanFacts[];
  assets: CiDoc[] | null;
  ciById: Map<string, CiDoc>;
  tagIndex: Map<string, CiDoc>;
  report: AuditReport;
}

/** A campaign, every auditor's scans and the tagged CIs, live, with the report recomputed. */
export function useAuditData(id: string): AuditData {
  const db = useDb();
  const audit = useObservable<AuditDoc | null | undefined>(() => observeAudit(db, id), undefined, [db, id]);
  const scans = useObservable<ScanFacts[]>(() => observeScans(db, id), [], [db, id]);
  const assets = useObservable<CiDoc[] | null>(() => observeAssets(db), null, [db]);
  const ciById = useMemo(() => new Map((assets ?? []).map((ci) => [ci.id, ci])), [assets]);
  const tagIndex = useMemo(() => indexByTag(assets ?? []), [assets]);
  const report = useMemo(
    () => reconcile(audit?.expected ?? [], scans, (ciId) => ciById.get(ciId)?.name),
    [audit?.expected, scans, ciById],
  );
  return { audit, scans, assets, ciById, tagIndex, report };
}

/** Technicians and above audit (the server refuses scans from requesters). */
export function useCanAudit(): boolean {
  const userId = useUi((s) => s.userId);
  const directory = useDirectory();
  const roles = directory.byId.get(userId)?.roles ?? [];
  return roles.some((role) => role !== 'requester');
}
