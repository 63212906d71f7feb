import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { demoUserById, describeScope, findDemoUser } from "./demo-users.js";
import { escapeHtml } from "./provider-configuration.js";

const MAX_FORM_BYTES = 16_384;

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new Error("form too large");
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function page(response: ServerResponse, title: string, body: string, status = 200): void {
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "x-frame-options": "DENY",
    // No form-action: Chromium applies it to the redirect that carries the code back to the client.
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  response.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
      `<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;line-height:1.5}` +
      `input,button{font-size:1rem;padding:.4rem;margin:.2rem 0}label{display:block}</style></head>` +
      `<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  );
}

function loginPage(response: ServerResponse, uid: string, clientName: string, problem?: string): void {
  page(
    response,
    "Sign in to the Toolwright demo",
    `<p><strong>${escapeHtml(clientName)}</strong> wants to use the demo API for you.</p>` +
      (problem ? `<p role="alert"><strong>${escapeHtml(problem)}</strong></p>` : "") +
      `<form method="post" action="/interaction/${escapeHtml(uid)}/login">` +
      `<label>User name <input name="username" autocomplete="username" required autofocus></label>` +
      `<label>Password <input name="password" type="password" autocomplete="current-password" required></label>` +
      `<button type="submit" id="sign-in">Sign in</button></form>`,
    problem ? 401 : 200,
  );
}

function consentPage(
  response: ServerResponse,
  uid: string,
  client: { name: string; id: string },
  scopes: readonly string[],
): void {
  const items = scopes.map(
    (scope) => `<li>${escapeHtml(describeScope(scope))} <code>${escapeHtml(scope)}</code></li>`,
  );
  page(
    response,
    "Allow access?",
    `<p><strong>${escapeHtml(client.name)}</strong> (<code>${escapeHtml(client.id)}</code>) asks to:</p>` +
      `<ul>${items.join("") || "<li>Use the access it already has</li>"}</ul>` +
      `<form method="post" action="/interaction/${escapeHtml(uid)}/confirm"><button type="submit" id="allow">Allow</button></form>` +
      `<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit" id="deny">Deny</button></form>`,
  );
}

/** The scopes this consent adds, by resource indicator, limited to what the signed-in user may grant. */
function requestedScopes(details: Record<string, unknown>): Record<string, string[]> {
  const missing = details.missingResourceScopes;
  return typeof missing === "object" && missing !== null ? (missing as Record<string, string[]>) : {};
}

async function finishLogin(provider: Provider, request: IncomingMessage, response: ServerResponse) {
  const details = await provider.interactionDetails(request, response);
  const form = await readForm(request);
  const user = findDemoUser(form.get("username") ?? "", form.get("password") ?? "");
  if (!user) {
    const client = await provider.Client.find(String(details.params.client_id));
    loginPage(
      response,
      details.uid,
      client?.clientName ?? String(details.params.client_id),
      "Wrong user name or password.",
    );
    return;
  }
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: user.username } },
    { mergeWithLastSubmission: false },
  );
}

async function finishConsent(provider: Provider, request: IncomingMessage, response: ServerResponse) {
  const details = await provider.interactionDetails(request, response);
  const { prompt, params, session } = details;
  const accountId = session?.accountId;
  if (prompt.name !== "consent" || !accountId) throw new Error("no consent is pending");
  const allowed = new Set(demoUserById(accountId)?.scopes ?? []);
  const grant = details.grantId
    ? ((await provider.Grant.find(details.grantId)) ??
      new provider.Grant({ accountId, clientId: String(params.client_id) }))
    : new provider.Grant({ accountId, clientId: String(params.client_id) });
  const oidcScopes = (prompt.details.missingOIDCScope as string[] | undefined) ?? [];
  if (oidcScopes.length > 0) grant.addOIDCScope(oidcScopes.join(" "));
  for (const [resource, scopes] of Object.entries(requestedScopes(prompt.details))) {
    // A reader consenting to write scopes grants only what they hold themselves.
    const granted = scopes.filter((scope) => allowed.has(scope));
    if (granted.length > 0) grant.addResourceScope(resource, granted.join(" "));
  }
  const grantId = await grant.save();
  await provider.interactionFinished(
    request,
    response,
    { consent: { grantId } },
    { mergeWithLastSubmission: true },
  );
}

async function showInteraction(provider: Provider, request: IncomingMessage, response: ServerResponse) {
  const details = await provider.interactionDetails(request, response);
  const client = await provider.Client.find(String(details.params.client_id));
  const name = client?.clientName ?? String(details.params.client_id);
  if (details.prompt.name === "login") {
    loginPage(response, details.uid, name);
    return;
  }
  const scopes = [...new Set(Object.values(requestedScopes(details.prompt.details)).flat())];
  consentPage(response, details.uid, { name, id: String(details.params.client_id) }, scopes);
}

/** The login and consent pages of the demo AS; true when the request was one of theirs. */
export async function handleInteraction(
  provider: Provider,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  const match = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/.exec(
    new URL(request.url ?? "/", "http://x").pathname,
  );
  if (!match) return false;
  try {
    const action = match[2];
    if (request.method === "GET" && !action) await showInteraction(provider, request, response);
    else if (request.method === "POST" && action === "login") await finishLogin(provider, request, response);
    else if (request.method === "POST" && action === "confirm")
      await finishConsent(provider, request, response);
    else if (request.method === "POST" && action === "abort") {
      await provider.interactionFinished(
        request,
        response,
        { error: "access_denied", error_description: "The user denied access." },
        { mergeWithLastSubmission: false },
      );
    } else page(response, "Not found", "<p>No such page.</p>", 404);
  } catch (error) {
    const message = error instanceof Error ? error.message : "the sign-in could not continue";
    page(
      response,
      "Sign-in error",
      `<p>${escapeHtml(message)}. Start the sign-in again from your client.</p>`,
      400,
    );
  }
  return true;
}
