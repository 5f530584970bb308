// The search of explain(): combinations of up to three wrong settings of the
// knob table (`_knobs.ts`), one setting a knob, tried in order of depth and,
// within a depth, of likelihood, until one reproduces the signature the client
// sent or the server expected. The search stops at the first depth that
// reproduces it and names every combination of that depth that does. Work is
// shared between combinations: the base string is cached by the settings that
// build it, the key by the settings that make it, HMAC keys are imported once,
// and the digest's text and transport are read off the signature sent, so
// that a digest is compared with the target as bytes once.

import { type CauseContext, type KnobSetting, SETTINGS } from "./_knobs.ts";
import {
  baseStringOf,
  type Computation,
  type Computed,
  hmacDigest,
  keyTextOf,
  normalizedOf,
} from "./conventions.ts";
import type { CauseTarget } from "./report.ts";
import { fromBase64, toHex } from "../core/codec.ts";
import {
  builtInSignatureMethod,
  signatureMethod,
  type SignatureMethodName,
  type SigningSecrets,
} from "../steps/signature.ts";

/** The deepest combination the search tries. */
export const MAX_DEPTH = 3;

// Stages the search enumerates; the others are read off the signature sent
// ("text", "transport") or seen in the values sent ("sent").
const BASE_STAGES = new Set(["uri", "parameters", "encoder", "order", "base"]);
const KEY_STAGES = new Set(["encoder", "key"]);

/** A combination that reproduces a target. */
export interface Hit {
  readonly settings: readonly KnobSetting[];
  readonly target: CauseTarget;
  readonly baseString: string;
  readonly normalized: string;
}

/** Progress and cancellation, from explain()'s evidence. */
export interface SearchControl {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** A vendor profile's name: its known settings are tried first. */
  readonly vendor?: string | undefined;
}

/** What the search works from. */
export interface SearchInput {
  readonly correct: Computation;
  readonly result: Computed;
  readonly context: CauseContext;
  readonly secrets: SigningSecrets;
  /** The signature sent, when it is not the correct one. */
  readonly sent: string | undefined;
  /** The signature the server expected, when it is not the correct one. */
  readonly serverSignature: string | undefined;
  /**
   * The base string the client logged, when given: then only the key, the
   * hash and the digest's text are searched, over that base string.
   */
  readonly baseString?: string | undefined;
}

/** The outcome: the hits at the first depth, and how much was tried. */
export interface SearchOutcome {
  readonly hits: readonly Hit[];
  readonly tried: number;
  readonly knobs: number;
}

// A setting that changes the computation of this request, alone.
export interface Candidate {
  readonly setting: KnobSetting;
  readonly index: number;
}

// What a digest must be, as bytes (hex), for each way the signature sent may
// have been written: base64, hex, …, and changed on its way.
type Forms = Map<string, KnobSetting[][]>;

/** Combinations of the candidates, from distinct knobs, of one size. */
export function* combinations<T extends { setting: KnobSetting }>(
  items: readonly T[],
  size: number,
  start = 0,
  knobs: ReadonlySet<string> = new Set(),
): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = start; i < items.length; i++) {
    const item = items[i]!;
    if (knobs.has(item.setting.knob.name)) continue;
    const next = new Set(knobs).add(item.setting.knob.name);
    for (const rest of combinations(items, size - 1, i + 1, next)) {
      yield [item, ...rest];
    }
  }
}

function countCombinations(
  items: readonly { setting: KnobSetting }[],
  size: number,
): number {
  let count = 0;
  for (const _ of combinations(items, size)) count++;
  return count;
}

// The signature sent read every way its text and transport may have been
// written, as the digest bytes it stands for (hex), with the settings that
// read it so; the RFC's reading first.
function signatureForms(
  sent: string,
  family: string | undefined,
): Forms {
  const forms: Forms = new Map();
  const add = (bytes: Uint8Array | undefined, settings: KnobSetting[]) => {
    if (bytes === undefined) return;
    const key = toHex(bytes);
    const list = forms.get(key) ?? [];
    list.push(settings);
    forms.set(key, list);
  };
  const transports = [
    { text: sent, settings: [] as KnobSetting[] },
    ...SETTINGS.filter((s) => s.stage === "transport").flatMap((s) => {
      const text = s.reread?.(sent);
      return text === undefined ? [] : [{ text, settings: [s] }];
    }),
  ];
  for (const { text, settings } of transports) {
    add(
      family === "PLAINTEXT" ? utf8.encode(text) : readBase64(text),
      settings,
    );
    if (family !== "HMAC") continue;
    for (const s of SETTINGS.filter((s) => s.stage === "text")) {
      add(readText(text, s.id), [...settings, s]);
    }
  }
  return forms;
}

const utf8 = new TextEncoder();

function readBase64(text: string): Uint8Array | undefined {
  try {
    return fromBase64(text);
  } catch {
    return undefined;
  }
}

function readText(text: string, id: string): Uint8Array | undefined {
  const hex = (t: string): Uint8Array | undefined =>
    /^(?:[0-9a-f]{2})+$/i.test(t)
      ? Uint8Array.from(t.match(/../g)!, (h) => parseInt(h, 16))
      : undefined;
  if (id === "hex-digest") return hex(text);
  if (id === "base64url-digest") {
    if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
    const b64 = text.replaceAll("-", "+").replaceAll("_", "/");
    return readBase64(b64.padEnd(Math.ceil(b64.length / 4) * 4, "="));
  }
  if (id === "base64-of-hex") {
    const bytes = readBase64(text);
    return bytes && hex(new TextDecoder().decode(bytes));
  }
  return undefined;
}

/**
 * Searches the knob table for the combinations, up to {@linkcode MAX_DEPTH}
 * settings, that reproduce the signature sent or the one the server
 * expected.
 */
export async function searchSignature(
  input: SearchInput,
  control: SearchControl = {},
): Promise<SearchOutcome> {
  const family = builtInSignatureMethod(input.correct.signatureMethod)?.family;
  const targets: { kind: CauseTarget; forms: Forms }[] = [];
  if (input.sent !== undefined) {
    targets.push({
      kind: "client-signature",
      forms: signatureForms(input.sent, family),
    });
  }
  if (input.serverSignature !== undefined) {
    const forms: Forms = new Map();
    const bytes = readBase64(input.serverSignature);
    if (bytes !== undefined) forms.set(toHex(bytes), [[]]);
    targets.push({ kind: "server-signature", forms });
  }
  const engine = new Engine(input);
  const candidates = engine.candidates(control.vendor).filter((c) =>
    input.baseString === undefined || !BASE_STAGES.has(c.setting.stage) ||
    c.setting.stage === "encoder"
  );
  const knobs = new Set(candidates.map((c) => c.setting.knob.name)).size;
  if (targets.length === 0) return { hits: [], tried: 0, knobs };
  const total = [0, 1, 2, 3].reduce(
    (sum, k) => sum + countCombinations(candidates, k),
    0,
  );
  const hits: Hit[] = [];
  const best = new Map<CauseTarget, number>();
  let tried = 0;
  // A caller that watches the search or can stop it gets the event loop back
  // about once a frame, so that a page paints the progress and hears Stop.
  const interactive = control.onProgress !== undefined ||
    control.signal !== undefined;
  let paused = performance.now();
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    for (const combo of combinations(candidates, depth)) {
      if (++tried % 64 === 0) {
        control.signal?.throwIfAborted();
        control.onProgress?.(tried, total);
        if (interactive && performance.now() - paused > 16) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          control.signal?.throwIfAborted();
          paused = performance.now();
        }
      }
      const outcome = await engine.run(combo.map((c) => c.setting));
      if (outcome === undefined) continue;
      for (const target of targets) {
        const readings = target.forms.get(outcome.hex) ?? [];
        for (const extra of readings) {
          const size = depth + extra.length;
          if (size === 0 || size > MAX_DEPTH) continue;
          if (size > (best.get(target.kind) ?? Infinity)) continue;
          if (size < (best.get(target.kind) ?? Infinity)) {
            best.set(target.kind, size);
            hits.splice(
              0,
              hits.length,
              ...hits.filter((h) => h.target !== target.kind),
            );
          }
          hits.push({
            settings: [...combo.map((c) => c.setting), ...extra],
            target: target.kind,
            baseString: outcome.baseString,
            normalized: outcome.normalized,
          });
        }
      }
    }
    // Nothing deeper can be shallower than what each target has.
    if (targets.every((t) => (best.get(t.kind) ?? Infinity) <= depth)) break;
  }
  control.onProgress?.(total, total);
  return { hits, tried, knobs };
}

// What one combination computes.
interface Outcome {
  readonly baseString: string;
  readonly normalized: string;
  /** The digest (or the PLAINTEXT key's bytes), in hex. */
  readonly hex: string;
}

// Runs combinations with the work shared: base strings by the settings that
// build them, keys by the settings that make them, digests by base string,
// key and method.
export class Engine {
  readonly #input: SearchInput;
  readonly #family: string | undefined;
  readonly #bases = new Map<string, { base: string; normalized: string }>();
  readonly #keys = new Map<string, string>();
  readonly #digests = new Map<string, string>();

  constructor(input: SearchInput) {
    this.#input = input;
    this.#family = builtInSignatureMethod(input.correct.signatureMethod)
      ?.family;
  }

  // The settings that change this request's computation alone, likeliest
  // first: the vendor's known ones, then the table's order.
  candidates(vendor: string | undefined): Candidate[] {
    const found: Candidate[] = [];
    const { correct, context, secrets } = this.#input;
    const correctBase = this.#input.result.baseString;
    const correctKey = keyTextOf(correct, secrets);
    SETTINGS.forEach((setting, index) => {
      if (setting.apply === undefined) return;
      if (setting.stage === "text" || setting.stage === "transport") return;
      if (this.#family === "PLAINTEXT" && BASE_STAGES.has(setting.stage)) {
        if (setting.stage !== "encoder") return;
      }
      if (this.#family === "RSA" && setting.stage === "key") return;
      const c = setting.apply(correct, context);
      if (c === undefined) return;
      const normalized = normalizedOf(c);
      const changed = baseStringOf(c, normalized) !== correctBase ||
        (this.#family !== "RSA" && keyTextOf(c, secrets) !== correctKey) ||
        c.signatureMethod !== correct.signatureMethod;
      if (changed) found.push({ setting, index });
    });
    const favoured = (c: Candidate): number =>
      vendor !== undefined && c.setting.vendors?.includes(vendor) ? 0 : 1;
    return found.sort((a, b) => favoured(a) - favoured(b) || a.index - b.index);
  }

  // The computation of a combination, its settings applied in the table's
  // order, or `undefined` when one of them has nothing to change.
  computation(settings: readonly KnobSetting[]): Computation | undefined {
    const ordered = [...settings].sort((a, b) =>
      SETTINGS.indexOf(a) - SETTINGS.indexOf(b)
    );
    let c = this.#input.correct;
    for (const s of ordered) {
      const next = s.apply?.(c, this.#input.context);
      if (next === undefined) return undefined;
      c = next;
    }
    return c;
  }

  async run(settings: readonly KnobSetting[]): Promise<Outcome | undefined> {
    const c = this.computation(settings);
    if (c === undefined) return undefined;
    const ids = (stages: Set<string>): string =>
      settings.filter((s) => stages.has(s.stage)).map((s) => s.id).sort()
        .join("+");
    const baseId = ids(BASE_STAGES);
    let built = this.#input.baseString === undefined
      ? this.#bases.get(baseId)
      : { base: this.#input.baseString, normalized: "" };
    if (built === undefined) {
      const normalized = normalizedOf(c);
      built = { base: baseStringOf(c, normalized), normalized };
      this.#bases.set(baseId, built);
    }
    const keyId = ids(KEY_STAGES);
    let key = this.#keys.get(keyId);
    if (key === undefined) {
      key = keyTextOf(c, this.#input.secrets);
      this.#keys.set(keyId, key);
    }
    const hex = await this.#digest(c.signatureMethod, key, built.base);
    return hex === undefined
      ? undefined
      : { baseString: built.base, normalized: built.normalized, hex };
  }

  async #digest(
    name: string,
    key: string,
    base: string,
  ): Promise<string | undefined> {
    const id = `${name}\n${key}\n${base}`;
    let hex = this.#digests.get(id);
    if (hex !== undefined) return hex;
    const method = builtInSignatureMethod(name);
    if (method?.family === "HMAC") {
      hex = toHex(await hmacDigest(key, method.hash!, base));
    } else if (method?.family === "PLAINTEXT") {
      // The PLAINTEXT signature is the key: its bytes stand for the digest.
      hex = toHex(utf8.encode(key));
    } else if (method !== undefined) {
      try {
        const m = signatureMethod(name as SignatureMethodName);
        const { digest } = await m.sign(base, this.#input.secrets);
        hex = digest && toHex(digest);
      } catch {
        return undefined; // RSA without the private key
      }
    }
    if (hex !== undefined) this.#digests.set(id, hex);
    return hex;
  }
}
