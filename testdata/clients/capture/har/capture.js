// Records a HAR file of headless Chromium opening an API URL of the loopback test server.
// Chromium has no switch to save a HAR, so this does what HAR exporters built on the Chrome
// DevTools Protocol do (sitespeed.io's chrome-har): it collects the Page and Network events
// of the visit, asks the browser for each response's body, and turns the events into HAR 1.2.
// Arguments: the server's case (default 0232) and the output file (default stdout).
'use strict';
const CDP = require('chrome-remote-interface');
const { harFromMessages } = require('chrome-har');
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [kase = '0232', out] = process.argv.slice(2);
const base = process.env.BASE || 'http://127.0.0.1:8790';
const url = `${base}/v1/0123456789abcdef0123456789abcdef/${kase}/baremetalservers`;
const port = 9233;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function connect() {
  for (let i = 0; i < 100; i++) {
    try {
      return await CDP({ port });
    } catch (e) {
      await sleep(100);
    }
  }
  throw new Error('chromium did not open its debugging port');
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'har-profile-'));
  const chrome = spawn('chromium', ['--headless=new', '--no-sandbox', '--no-first-run',
    `--user-data-dir=${profile}`, `--remote-debugging-port=${port}`, 'about:blank'], { stdio: 'ignore' });
  try {
    const client = await connect();
    const events = [];
    for (const m of ['Page.loadEventFired', 'Page.domContentEventFired', 'Page.frameStartedLoading',
      'Page.frameAttached', 'Page.frameScheduledNavigation', 'Network.requestWillBeSent',
      'Network.requestServedFromCache', 'Network.dataReceived', 'Network.responseReceived',
      'Network.resourceChangedPriority', 'Network.loadingFinished', 'Network.loadingFailed']) {
      client.on(m, (params) => events.push({ method: m, params }));
    }
    await client.Network.enable();
    await client.Page.enable();
    const loaded = client.Page.loadEventFired();
    await client.Page.navigate({ url });
    await loaded;
    await sleep(500);
    for (const e of events) {
      if (e.method !== 'Network.responseReceived') continue;
      try {
        const { body, base64Encoded } = await client.Network.getResponseBody({ requestId: e.params.requestId });
        e.params.response.body = base64Encoded ? Buffer.from(body, 'base64').toString() : body;
      } catch (err) {
        // a response whose body the browser no longer holds goes without text, as in DevTools
      }
    }
    await client.close();
    const har = harFromMessages(events, { includeTextFromResponseBody: true });
    const text = JSON.stringify(har, null, 2) + '\n';
    if (out) fs.writeFileSync(out, text); else process.stdout.write(text);
  } finally {
    chrome.kill();
    await sleep(300);
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
