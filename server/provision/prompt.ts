/**
 * Reads a secret from the terminal without echoing it. Only used when stdin is a terminal:
 * scripts pass secrets through the environment instead.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export function canPrompt(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

export async function promptSecret(question: string): Promise<string> {
  let muted = false;
  // The question goes to stderr so stdout stays clean for output other tools may parse.
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const reader = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = new Promise<string>((resolve) => reader.question(question, resolve));
    muted = true;
    return await answer;
  } finally {
    reader.close();
    process.stderr.write('\n');
  }
}
