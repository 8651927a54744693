/**
 * Who may write what, enforced by the server and mirrored on the client.
 *
 * `validateDocUpdate` is installed verbatim (its source text) as the `validate_doc_update` of the
 * team database's `_design/outpost`, where CouchDB or PouchDB Server runs it on every write. So
 * its body must stand alone: no imports, no names from this module, no nested named functions
 * (some TypeScript transforms wrap those in a naming function that would not exist on the server),
 * and only plain ES2017 (no `?.`, `??` or object spread). Types are erased, so they may come
 * from outside. `shared/sync/rules.test.ts` evaluates the installed text in an empty context.
 *
 * Documents are in wire format: CouchDB `_id` is the replica document's `id`, `_deleted`
 * marks a tombstone, which keeps its whole body.
 */

/** A document as the server sees it: any JSON object with CouchDB's underscore fields. */
export interface WireDocument {
  _id?: string;
  _rev?: string;
  _deleted?: boolean;
  [field: string]: unknown;
}

/** CouchDB's user context: `name` is null when nobody is signed in. */
export interface UserContext {
  name: string | null;
  roles: string[];
  db?: string;
}

/**
 * The validation function CouchDB calls with the new revision, the current one (null when the
 * document is new) and the writer. Throws `{ unauthorized }` when nobody is signed in and
 * `{ forbidden: reason }` when the writer may not make this change; returns when allowed.
 */
export function validateDocUpdate(
  newDoc: WireDocument,
  oldDoc: WireDocument | null,
  userCtx: UserContext | null,
  _secObj: unknown,
): void {
  const roles = userCtx && Array.isArray(userCtx.roles) ? userCtx.roles : [];
  // The server admin (CouchDB `_admin`) may do anything, including repairs the rules forbid.
  if (roles.indexOf('_admin') !== -1) return;
  if (!userCtx || !userCtx.name) throw { unauthorized: 'Sign in to change Outpost data.' };

  // Highest Outpost role wins; the acting person comes from the `person:<id>` role.
  const ladder = ['requester', 'technician', 'agent', 'manager', 'admin'];
  let rank = -1;
  let personId = '';
  for (let i = 0; i < roles.length; i++) {
    const role = String(roles[i]);
    if (ladder.indexOf(role) > rank) rank = ladder.indexOf(role);
    if (role.indexOf('person:') === 0) personId = role.slice('person:'.length);
  }
  const REQUESTER = 0;
  const TECHNICIAN = 1;
  const AGENT = 2;
  const MANAGER = 3;
  const ADMIN = 4;
  if (rank < REQUESTER) throw { forbidden: 'Your account has no Outpost role.' };

  const docId = typeof newDoc._id === 'string' ? newDoc._id : '';
  if (docId.indexOf('_design/') === 0) {
    if (rank < ADMIN) throw { forbidden: 'Only admins may change design documents.' };
    return;
  }

  const deleting = newDoc._deleted === true;
  const type = newDoc.type;
  const types = ['ticket', 'activity', 'ci', 'relation', 'article', 'audit', 'person', 'setting', 'file'];
  if (types.indexOf(type as string) === -1) {
    if (deleting && type === undefined) {
      throw { forbidden: 'A deletion must keep the document body, including its type.' };
    }
    throw { forbidden: 'Unknown document type "' + String(type) + '".' };
  }
  if (oldDoc && oldDoc.type !== undefined && oldDoc.type !== type) {
    throw { forbidden: 'A document keeps its type: this one is a ' + String(oldDoc.type) + '.' };
  }
  if (rank === ADMIN) return;

  if (!personId) throw { forbidden: 'Your account is not linked to a person (role person:<id>).' };
  if (newDoc.updatedBy !== personId) {
    throw { forbidden: 'updatedBy must be your own person id (' + personId + ').' };
  }
  const creating = !oldDoc || oldDoc._deleted === true;
  // Agents may edit every field of any ticket, so a ticket's creator is theirs to keep: an
  // edit that outlived a deletion elsewhere comes back with its original creator.
  const hasCreator = type === 'activity' || type === 'file' || (type === 'ticket' && rank < AGENT);
  if (creating && hasCreator && newDoc.createdBy !== personId) {
    throw { forbidden: 'createdBy must be your own person id (' + personId + ').' };
  }

  if (deleting) {
    // Relations are CMDB wiring and "solved by" links: the people who may create them (field
    // technicians included) may also undo them.
    if (type === 'relation' && rank >= TECHNICIAN) return;
    const managerDeletes = ['ticket', 'ci', 'relation', 'article', 'audit', 'setting'];
    if (managerDeletes.indexOf(type as string) === -1) {
      throw { forbidden: 'Only admins may delete a ' + String(type) + '.' };
    }
    if (rank < MANAGER) throw { forbidden: 'Only managers and admins may delete a ' + String(type) + '.' };
    return;
  }

  if (type === 'ticket') {
    if (rank >= AGENT) return;
    if (rank === REQUESTER) {
      if (!creating) throw { forbidden: 'Requesters cannot edit tickets; add a comment instead.' };
      if (newDoc.requesterId !== personId) {
        throw { forbidden: 'Requesters can only raise tickets for themselves.' };
      }
      if (newDoc.status !== 'new')
        throw { forbidden: 'A ticket raised by a requester starts with status "new".' };
      if (newDoc.assigneeId !== '') throw { forbidden: 'Requesters cannot assign tickets.' };
      return;
    }
    // Technician: may raise tickets, and work on the ones assigned to them.
    if (creating) return;
    if (!oldDoc || oldDoc.assigneeId !== personId) {
      throw { forbidden: 'Technicians can only edit tickets assigned to them.' };
    }
    const locked = ['priority', 'impact', 'urgency', 'assigneeId', 'groupId'];
    for (let i = 0; i < locked.length; i++) {
      const field = locked[i] as string;
      if (newDoc[field] !== oldDoc[field]) {
        throw { forbidden: 'Technicians cannot change ' + field + '; ask an agent.' };
      }
    }
    return;
  }

  if (type === 'activity') {
    if (!creating) throw { forbidden: 'Timeline entries cannot be edited (only admins may correct them).' };
    // Readers of the knowledge base (requesters too) answer "was this helpful" and count views.
    const requesterKinds = ['comment', 'created', 'merge', 'survey', 'feedback', 'views'];
    if (rank === REQUESTER && requesterKinds.indexOf(newDoc.kind as string) === -1) {
      throw { forbidden: 'Requesters can only add comments and satisfaction answers.' };
    }
    // A CAB vote is a manager's decision; it counts for its author only.
    if (newDoc.kind === 'vote' && rank < MANAGER) {
      throw { forbidden: 'Only managers may vote on a change.' };
    }
    if (newDoc.kind === 'escalation' && rank < AGENT) {
      throw { forbidden: 'Only agents, managers and admins may record escalations.' };
    }
    if (newDoc.kind === 'version' && rank < AGENT) {
      throw { forbidden: 'Only reviewers may record a published article version.' };
    }
    return;
  }

  if (type === 'file') {
    if (!creating) throw { forbidden: 'Files cannot be changed once added (only admins may).' };
    return;
  }

  if (type === 'person') throw { forbidden: 'Only admins may change people, groups and locations.' };
  if (type === 'setting' && rank < MANAGER) {
    throw { forbidden: 'Only managers and admins may change settings.' };
  }
  if (type === 'article') {
    if (rank < AGENT) throw { forbidden: 'Only agents, managers and admins may change knowledge articles.' };
    // Publishing is a review: a manager or a reviewer named on the stored article, never the
    // author of the version (who sent it to review).
    const wasPublished = !creating && oldDoc !== null && oldDoc.state === 'published';
    if (newDoc.state === 'published' && !wasPublished) {
      const named =
        !creating &&
        oldDoc !== null &&
        Array.isArray(oldDoc.reviewerIds) &&
        oldDoc.reviewerIds.indexOf(personId) !== -1;
      if (rank < MANAGER && !named) {
        throw { forbidden: 'Only managers or a reviewer named on the article may publish it.' };
      }
      const author =
        !creating && oldDoc !== null && oldDoc.state === 'review' ? oldDoc.submittedBy : newDoc.submittedBy;
      if (author === personId)
        throw { forbidden: 'The author of a version cannot publish it; ask another reviewer.' };
    }
    return;
  }
  if (rank < TECHNICIAN) {
    throw { forbidden: 'Requesters cannot change configuration items, relations or audits.' };
  }
}

/** A signed-in account as the client knows it: CouchDB name and roles. */
export interface RulesUser {
  name: string;
  roles: string[];
}

/**
 * Client-side mirror of the server rules: null when `user` may write `newDoc` over `oldDoc`
 * (null when new), otherwise the reason the server would give. Takes wire or replica documents
 * (only `_id` differs, and it only matters for design documents).
 */
export function checkWrite(
  newDoc: WireDocument,
  oldDoc: WireDocument | null,
  user: RulesUser,
): string | null {
  try {
    validateDocUpdate(newDoc, oldDoc, { name: user.name, roles: user.roles }, {});
    return null;
  } catch (error) {
    if (error && typeof error === 'object') {
      const refusal = error as { forbidden?: unknown; unauthorized?: unknown };
      if (typeof refusal.forbidden === 'string') return refusal.forbidden;
      if (typeof refusal.unauthorized === 'string') return refusal.unauthorized;
    }
    throw error;
  }
}
