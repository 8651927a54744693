/** Console output of provisioning: one line per account, a generated password shown once. */
import type { ProvisionedUser } from './users';

export function describeUser(user: ProvisionedUser): string {
  const person = user.personId ? ` as person ${user.personId}` : ' (no person: read-only)';
  const password = user.generatedPassword ? `  password: ${user.generatedPassword}` : '';
  return `  ${user.name} (${user.role})${person}: ${user.status}${password}`;
}

export function printUsers(users: readonly ProvisionedUser[]): void {
  for (const user of users) console.info(describeUser(user));
}
