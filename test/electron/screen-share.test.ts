// Screen share's Electron half with the fake electron: the display-media handler answers our own renderer's
// top frame, in a call, with the screen or window the user picked from the picker; it refuses (null, no
// picker shown) outside a call or for another origin or a subframe, and refuses when the user cancels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as ScreenShare from '../../src-main/electron/screen-share';
import { APP_ORIGIN } from '../../src-main/electron/security';
import { FakeElectron, installFakeElectron } from './fake-electron';

const fake = new FakeElectron();
installFakeElectron(fake);
// Loaded once the fake stands in for 'electron', which it imports.
const { displayMediaHandler } = require('../../src-main/electron/screen-share') as typeof ScreenShare;

const SCREEN = { id: 'screen:0:0', name: 'Entire screen' };
const EDITOR = { id: 'window:42:0', name: 'notes.txt – Editor' };
fake.captureSources = [SCREEN, EDITOR];

const topFrame = { url: `${APP_ORIGIN}/index.html`, parent: null };
const request = (frame: object | null = topFrame, videoRequested = true) =>
  ({ frame, securityOrigin: APP_ORIGIN, videoRequested, audioRequested: false, userGesture: true }) as never;

function ask(inCall: boolean, asked: never): Promise<unknown> {
  const handler = displayMediaHandler({
    trustedOrigin: APP_ORIGIN,
    inCall: () => inCall,
    window: () => null,
  });
  return new Promise((resolve) => handler(asked, resolve as never));
}

test('in a call, the source the user picks is shared; cancelling shares nothing', async () => {
  fake.messageBoxAnswer = (buttons) => buttons.indexOf(EDITOR.name);
  assert.deepEqual(await ask(true, request()), { video: EDITOR });
  assert.deepEqual(fake.messageBoxes.at(-1)?.buttons, ['Entire screen', 'notes.txt – Editor', 'Cancel']);
  fake.messageBoxAnswer = (buttons) => buttons.indexOf('Cancel');
  assert.equal(await ask(true, request()), null);
});

test('outside a call, from another origin, a subframe, or without video: refused, and no picker', async () => {
  const shown = fake.messageBoxes.length;
  assert.equal(await ask(false, request()), null, 'not in a call');
  assert.equal(await ask(true, request({ url: 'https://example.com/', parent: null })), null, 'foreign page');
  assert.equal(
    await ask(true, request({ url: `${APP_ORIGIN}/index.html`, parent: topFrame })),
    null,
    'subframe',
  );
  assert.equal(await ask(true, request(null)), null, 'the frame is gone');
  assert.equal(await ask(true, request(topFrame, false)), null, 'no video asked for');
  assert.equal(fake.messageBoxes.length, shown);
});
