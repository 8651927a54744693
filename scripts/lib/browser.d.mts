// Types for browser.mjs, for the TypeScript scripts that share it.
import type { Server } from 'node:http';
import type { BrowserContext } from '@playwright/test';

export function chromiumPath(): string;
export function serveBuiltApp(port: number): Promise<{ server: Server; url: string }>;
export function launchPersistent(profileDir: string): Promise<BrowserContext>;
export function argValue(args: string[], name: string, fallback: string): string;
