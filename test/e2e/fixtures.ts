import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every page records CSP violations and any dialog (an executed `alert(1)` would open one), and
 * waits for the app's own readiness signals instead of sleeping.
 */
export interface Guarded {
  cspViolations: string[];
  dialogs: string[];
}

export const test = base.extend<{ guarded: Guarded; app: Page }>({
  guarded: async ({ page }, use) => {
    const guarded: Guarded = { cspViolations: [], dialogs: [] };
    await page.exposeFunction('__outpostCspViolation', (v: string) => guarded.cspViolations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __outpostCspViolation: (v: string) => void }).__outpostCspViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        );
      });
    });
    page.on('dialog', async (dialog) => {
      guarded.dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await use(guarded);
  },
  app: async ({ page, guarded }, use) => {
    void guarded;
    await page.goto('/');
    await waitForList(page);
    await use(page);
  },
});

export async function waitForList(page: Page): Promise<void> {
  await expect(page.locator('html[data-ready="true"][data-rows-ready="true"]')).toHaveCount(1, {
    timeout: 30_000,
  });
}

export { expect };
