/**
 * Attachments travel with their documents: a photo added on one device reaches another through
 * a real server, byte for byte, including a 5 MB one.
 */
import { describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { toWire } from '../../shared/sync/wire';
import { attachFile } from '../../renderer/data';
import { fixtureTicket } from '../../renderer/data/testDb';
import { createTestTeam, uniqueName, type TestUser } from '../server/harness';
import { adminBulk, syncSuite, syncUntil, type Replica } from './replicas';

const suite = syncSuite();

function randomBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  // getRandomValues fills at most 64 KiB per call.
  for (let i = 0; i < size; i += 65_536)
    crypto.getRandomValues(bytes.subarray(i, Math.min(size, i + 65_536)));
  return bytes;
}

describe('attachments sync', () => {
  it('a 5 MB photo and a small note added on one device arrive intact on another', async () => {
    const db = uniqueName('files');
    const tech: TestUser = {
      name: `${db}-tech`,
      password: 'tech-pass-1',
      role: 'technician',
      personId: 'per_tech',
    };
    const agent: TestUser = {
      name: `${db}-agent`,
      password: 'agent-pass-1',
      role: 'agent',
      personId: 'per_agent',
    };
    await createTestTeam(suite.server(), { db, users: [tech, agent] });
    const ticket = fixtureTicket(1, { assigneeId: 'per_tech' });
    await adminBulk(suite.server(), db, [toWire(ticket, false)]);
    const collections = ['tickets', 'files', 'syncissues'] as const;
    const a = await suite.replica(db, tech, { collections: [...collections] });
    const b = await suite.replica(db, agent, { collections: [...collections] });
    await syncUntil(
      [a, b],
      async () => (await a.db.tickets.count().exec()) === 1 && (await b.db.tickets.count().exec()) === 1,
    );

    const photo = randomBytes(5 * 1024 * 1024);
    const note = new TextEncoder().encode('Serial on the back: LDN-LT-0592');
    const added = [];
    for (const [name, type, bytes] of [
      ['site-photo.jpg', 'image/jpeg', photo],
      ['note.txt', 'text/plain', note],
    ] as const) {
      const result = await attachFile(
        a.db,
        {
          parentId: ticket.id,
          parentType: 'ticket',
          name,
          contentType: type,
          data: new Blob([bytes as Uint8Array<ArrayBuffer>], { type }),
        },
        { userId: 'per_tech' },
        a.blobs,
      );
      if (!result.ok) throw new Error(result.error);
      added.push(result.file);
    }

    await syncUntil([a, b], async () => (await b.db.files.count().exec()) === 2);
    for (const [file, bytes] of [
      [added[0]!, photo],
      [added[1]!, note],
    ] as const) {
      // The content follows the document: wait until the download stored it.
      const blob = await waitForBlob(b, file.id);
      expect(blob.size).toBe(bytes.length);
      expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
    }
    expect(await b.db.files.findOne(added[0]!.id).exec()).toMatchObject({
      name: 'site-photo.jpg',
      size: photo.length,
    });
  }, 120_000);
});

async function waitForBlob(r: Replica, id: string): Promise<Blob> {
  // Listen first, then look: a download finishing in between is not missed.
  const arrival = firstValueFrom(r.blobs.changes$.pipe(filter((changed) => changed === id)));
  const stored = await r.blobs.get(id);
  if (stored) return stored;
  await arrival;
  const blob = await r.blobs.get(id);
  if (!blob) throw new Error(`content of ${id} never arrived`);
  return blob;
}
