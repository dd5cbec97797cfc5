/**
 * The pages MSAL's loopback listener shows in the browser when sign-in ends, in our own words. Static HTML
 * with inline styles only: no script, no remote content, nothing from the request echoed back.
 */

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — Presence Tray</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:4rem auto;max-width:34rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.4rem}</style></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;
}

/** Shown after a successful sign-in. */
export const SUCCESS_PAGE = page(
  'You are signed in',
  '<p>Presence Tray can now set your Teams presence. You can close this tab and go back to the app.</p>',
);

/** Shown when the sign-in server sent the browser back with an error; the app explains what to do. */
export const ERROR_PAGE = page(
  'Sign-in did not finish',
  '<p>The sign-in was cancelled or refused. Presence Tray shows what happened and what to do next; you can close this tab.</p>',
);
