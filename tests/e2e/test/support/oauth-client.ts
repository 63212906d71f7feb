import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer, request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from "@modelcontextprotocol/sdk/shared/auth.js";
import { type BrowserContext, chromium } from "playwright-core";

/** Headless Debian chromium in a new, empty profile, with no network of its own beyond 127.0.0.1. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "toolwright-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    // Debian's chromium (.ci/run installs it); TOOLWRIGHT_CHROMIUM points elsewhere, e.g. on other distributions.
    executablePath: process.env.TOOLWRIGHT_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function listen(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** The loopback redirect URI: each authorization response arrives here (code, state, iss). */
export async function startCallbackServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createHttpServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/callback") return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": "text/plain" }).end("Signed in; you can close this window.");
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/callback`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A self-signed certificate for 127.0.0.1, made with the system's openssl for this run. */
function selfSignedCertificate(): { key: string; cert: string } {
  const directory = mkdtempSync(join(tmpdir(), "toolwright-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        join(directory, "key.pem"),
        "-out",
        join(directory, "cert.pem"),
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
      ],
      { stdio: "ignore" },
    );
    return {
      key: readFileSync(join(directory, "key.pem"), "utf8"),
      cert: readFileSync(join(directory, "cert.pem"), "utf8"),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * An https host for client ID metadata documents (the SDK requires https client ids), plus a fetch
 * that trusts its certificate, for the AS's outgoing request.
 */
export async function startMetadataHost(): Promise<{
  publish(path: string, document: (url: string) => unknown): string;
  fetches: string[];
  trustingFetch: typeof fetch;
  close(): Promise<void>;
}> {
  const tls = selfSignedCertificate();
  const documents = new Map<string, (url: string) => unknown>();
  const fetches: string[] = [];
  let origin = "";
  const server = createHttpsServer(tls, (request, response) => {
    const path = request.url ?? "/";
    fetches.push(path);
    const document = documents.get(path);
    if (!document) return void response.writeHead(404).end();
    response
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify(document(`${origin}${path}`)));
  });
  const port = await listen(server as unknown as Server);
  origin = `https://127.0.0.1:${port}`;
  const trustingFetch: typeof fetch = async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return new Promise<Response>((resolve, reject) => {
      const request = httpsRequest(
        url,
        { ca: tls.cert, headers: { accept: "application/json" } },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => chunks.push(chunk));
          answer.on("end", () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(answer.headers)) {
              if (typeof value === "string") headers.set(name, value);
            }
            resolve(new Response(Buffer.concat(chunks), { status: answer.statusCode ?? 500, headers }));
          });
        },
      );
      request.on("error", reject);
      request.end();
    });
  };
  return {
    publish(path, document) {
      documents.set(path, document);
      return `${origin}${path}`;
    },
    fetches,
    trustingFetch,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An in-memory OAuthClientProvider for one MCP server: what a desktop client keeps between runs. */
export class MemoryOAuthClient implements OAuthClientProvider {
  private information: OAuthClientInformationMixed | undefined;
  private savedTokens: OAuthTokens | undefined;
  private verifier = "";
  /** Step-up needs a new authorization: a refresh cannot widen the scopes, so the client forgets it. */
  forgetRefreshToken() {
    if (this.savedTokens) this.savedTokens = { ...this.savedTokens, refresh_token: undefined } as OAuthTokens;
  }
  /** Every authorization URL the SDK asked to open. */
  readonly authorizationUrls: URL[] = [];
  /** Set by the test: opens the URL the way the user's browser would. */
  onAuthorize: (url: URL) => void = () => {};

  readonly clientMetadataUrl?: string;

  constructor(
    private readonly redirect: string,
    clientMetadataUrl?: string,
  ) {
    if (clientMetadataUrl !== undefined) this.clientMetadataUrl = clientMetadataUrl;
  }

  get redirectUrl(): string {
    return this.redirect;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: "Toolwright e2e client",
      redirect_uris: [this.redirect],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      application_type: "native",
    } as OAuthClientMetadata;
  }

  clientInformation() {
    return this.information;
  }
  saveClientInformation(information: OAuthClientInformationMixed) {
    this.information = information;
  }
  tokens() {
    return this.savedTokens;
  }
  saveTokens(tokens: OAuthTokens) {
    this.savedTokens = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrls.push(url);
    this.onAuthorize(url);
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

/** What the person does in the browser: sign in when asked, then read the consent page and allow. */
export async function signInAndConsent(
  context: BrowserContext,
  callback: { url: string },
  url: URL,
  user: { username: string; password: string },
): Promise<{ consentText: string; redirect: URL }> {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  try {
    await page.goto(url.toString());
    if ((await page.locator("#sign-in").count()) > 0) {
      await page.fill('input[name="username"]', user.username);
      await page.fill('input[name="password"]', user.password);
      await page.click("#sign-in");
    }
    await page.waitForSelector("#allow").catch(async (error: unknown) => {
      throw new Error(`no consent page at ${page.url()}: ${(await page.content()).slice(0, 500)}`, {
        cause: error,
      });
    });
    const consentText = (await page.locator("body").textContent()) ?? "";
    await page.click("#allow");
    // The browser lands on the client's loopback redirect URI with the code (and iss).
    await page.waitForURL((url) => url.href.startsWith(callback.url));
    return { consentText, redirect: new URL(page.url()) };
  } finally {
    await page.close();
  }
}
