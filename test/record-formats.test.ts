import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { recordKinds } from '../src/records/index.js';
import { printRecordFormat, recordFormat, recordFormats } from '../src/furnishing/record-formats/record-formats.js';
import { validateFurnishedRecord } from '../src/furnishing/record-schemas.js';
import { generatePeople } from '../src/seed/generator.js';
import { schemaProblem } from './helpers/json-schema.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const committed = (kind: string) => readFileSync(new URL(`../schema/records/${kind}.json`, import.meta.url), 'utf8');
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** Furnished lines as a source would send them, from the demo generator (every kind, many shapes). */
function sampleLines(people: number): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  for (const person of generatePeople({ people, seed: 7 })) {
    for (const kind of recordKinds) {
      for (const r of person.records[kind]) {
        lines.push(JSON.parse(JSON.stringify({ kind, sourceRecordId: r.sourceRecordId, nationalId: person.nationalId, receivedAt: r.receivedAt, content: r.content })));
      }
    }
  }
  return lines;
}

describe('the published record formats', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ people: 6 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('are committed under schema/records/, one per kind, equal to what the validators generate', () => {
    for (const kind of recordKinds) expect(committed(kind), `schema/records/${kind}.json (run npm run schema:print)`).toBe(printRecordFormat(recordFormat(kind)));
    expect(Object.keys(recordFormats())).toEqual(recordKinds);
  });

  it('are served at /schemas/records/<kind>.json without a key, byte for byte as committed', async () => {
    for (const kind of recordKinds) {
      const res = await fetch(`${t.url}/schemas/records/${kind}.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/schema+json');
      expect(await res.text()).toBe(committed(kind));
    }
    const index = (await (await fetch(`${t.url}/schemas/records/`)).json()) as { formats: { kind: string; url: string }[] };
    expect(index.formats.map((f) => f.kind)).toEqual(recordKinds);
    expect((await fetch(`${t.url}/schemas/records/nope.json`)).status).toBe(404);
  });

  it('accept every record the validators accept, and refuse what they refuse', () => {
    const lines = sampleLines(40);
    expect(new Set(lines.map((l) => l.kind))).toEqual(new Set(recordKinds));
    for (const line of lines) {
      const kind = line.kind as string;
      expect(validateFurnishedRecord(line).ok, JSON.stringify(line)).toBe(true);
      expect(schemaProblem(recordFormat(kind as never), line), JSON.stringify(line)).toBeNull();
    }
    // One sample per kind, broken in ways both must refuse.
    for (const kind of recordKinds) {
      const line = lines.find((l) => l.kind === kind)!;
      const format = recordFormat(kind);
      const content = line.content as Record<string, unknown>;
      const required = (format.properties as any).content.required as string[];
      const broken: Record<string, unknown>[] = [
        { ...line, content: { ...content, notAField: 1 } },
        { ...line, extra: true },
        { ...line, kind: kind === 'identity' ? 'court' : 'identity' },
        { ...line, nationalId: '12345' },
        ...required.map((f) => ({ ...line, content: { ...content, [f]: undefined } })),
        ...required.map((f) => ({ ...line, content: { ...content, [f]: typeof content[f] === 'string' ? 12 : 'twelve' } })),
      ].map((b) => JSON.parse(JSON.stringify(b)));
      for (const b of broken) {
        expect(validateFurnishedRecord(b).ok, `validator accepted ${JSON.stringify(b)}`).toBe(false);
        expect(schemaProblem(format, b), `format accepted ${JSON.stringify(b)}`).not.toBeNull();
      }
    }
  });

  it('the README shows one NDJSON line per kind, each accepted by its format and by ingestion', () => {
    const section = readme.slice(readme.indexOf('### Record formats'));
    const block = /```ndjson\n([\s\S]*?)```/.exec(section)![1]!;
    const lines = block.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.kind)).toEqual(recordKinds);
    for (const line of lines) {
      expect(validateFurnishedRecord(line)).toMatchObject({ ok: true });
      expect(schemaProblem(recordFormat(line.kind as never), line)).toBeNull();
    }
  });

  it('submitRecords documents the content of each kind', async () => {
    const res = await t.gql('{ __type(name: "FurnishedRecordInput") { inputFields { name description } } }');
    const content = res.body.data.__type.inputFields.find((f: { name: string }) => f.name === 'content');
    expect(content.description).toContain('/schemas/records/<kind>.json');
    for (const kind of recordKinds) expect(content.description).toContain(`${kind}: `);
  });
});
