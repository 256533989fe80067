/**
 * One browser suite's fixtures: the client built, the real server on a free port and Chromium,
 * started before the file's tests and stopped after them.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { ensureBuilt, launch, startTestServer, type TestServer } from './harness.js';

/** The running server and browser of a test file (read them inside tests). */
export interface Suite {
  readonly server: TestServer;
  readonly browser: Browser;
}

/** Registers the file's beforeAll/afterAll and returns its fixtures. */
export function browserSuite(): Suite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    ensureBuilt();
    server = await startTestServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server(): TestServer {
      if (!server) throw new Error('the suite has not started');
      return server;
    },
    get browser(): Browser {
      if (!browser) throw new Error('the suite has not started');
      return browser;
    },
  };
}
