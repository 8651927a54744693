import { useState } from 'react';
import { Modal } from '@mantine/core';
import { formatAttributeValue, type ClassDefinitions } from '../../../shared/domain/ciClasses';
import { buildCi, type CiInput } from '../../../shared/domain/cmdb';
import type { CiDoc } from '../../../shared/domain/model';
import type { FieldErrors } from '../../../shared/domain/validation';
import { createCi, updateCi } from '../../data/cis';
import { useDb } from '../../app/database';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { CiForm } from './CiForm';
import { emptyDraft, fromDraft, toDraft, type CiDraft } from './ciDraft';

/**
 * Unreadable text (a half-typed number) is refused before the data layer sees it, together
 * with every other field's problem, so one attempt shows them all.
 */
function refuse(unreadable: FieldErrors, input: CiInput, definitions: ClassDefinitions) {
  const probe = buildCi(input, { id: 'ci_probe', now: 0, userId: '', definitions });
  const errors = { ...(probe.ok ? {} : probe.errors), ...unreadable };
  return Promise.resolve({ ok: false as const, errors });
}

export function NewCiModal({
  definitions,
  onClose,
  onCreated,
}: {
  definitions: ClassDefinitions;
  onClose: () => void;
  onCreated: (ci: CiDoc) => void;
}) {
  const db = useDb();
  const session = useSession();
  const [draft, setDraft] = useState<CiDraft>(() => emptyDraft('server'));
  const { errors, saving, submit } = useSubmit();
  const save = () => {
    const { input, errors: unreadable } = fromDraft(draft, definitions[draft.ciClass]);
    return submit(
      () =>
        Object.keys(unreadable).length > 0
          ? refuse(unreadable, input, definitions)
          : createCi(db, input, session),
      (result) => onCreated(result.ci),
    );
  };
  return (
    <Modal opened onClose={onClose} title="New configuration item" size="xl">
      <CiForm
        value={draft}
        onChange={setDraft}
        defs={definitions[draft.ciClass]}
        errors={errors}
        onSubmit={save}
        onCancel={onClose}
        submitLabel="Create item"
        saving={saving}
      />
    </Modal>
  );
}

export function EditCiModal({
  ci,
  definitions,
  onClose,
}: {
  ci: CiDoc;
  definitions: ClassDefinitions;
  onClose: () => void;
}) {
  const db = useDb();
  const session = useSession();
  const [draft, setDraft] = useState<CiDraft>(() => toDraft(ci));
  const { errors, saving, submit } = useSubmit();
  const defs = definitions[draft.ciClass];
  const defined = new Set(defs.map((d) => d.key));
  const others = Object.fromEntries(
    Object.entries(ci.attributes)
      .filter(([k]) => !defined.has(k))
      .map(([k, v]) => [k, formatAttributeValue(v)]),
  );
  const save = () => {
    const { input, errors: unreadable } = fromDraft(draft, defs, ci.attributes);
    return submit(
      () =>
        Object.keys(unreadable).length > 0
          ? refuse(unreadable, input, definitions)
          : updateCi(db, ci.id, input, session),
      onClose,
    );
  };
  return (
    <Modal opened onClose={onClose} title={`Edit ${ci.name}`} size="xl">
      <CiForm
        value={draft}
        onChange={setDraft}
        defs={defs}
        errors={errors}
        onSubmit={save}
        onCancel={onClose}
        submitLabel="Save changes"
        saving={saving}
        otherAttributes={others}
      />
    </Modal>
  );
}
