/**
 * Structural problems that keep the claim checks from reading an encounter at all (an encounter that is not an
 * object, a list that is not a list). Missing or empty values are not structural: the rules report those with
 * a message a biller can act on.
 */
export function encounterShapeProblems(value: unknown, where = 'encounter'): string[] {
  if (!isObject(value)) return [`${where} is not an object`];
  const problems: string[] = [];
  if (typeof value.id !== 'string' || value.id.trim() === '') problems.push(`${where} has no id`);
  for (const key of ['patient', 'renderingProvider', 'billingProvider', 'payer'] as const) {
    if (value[key] !== undefined && !isObject(value[key])) problems.push(`${where}.${key} is not an object`);
  }
  for (const key of ['diagnoses', 'lines'] as const) {
    const list = value[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push(`${where}.${key} is not a list`);
      continue;
    }
    list.forEach((item: unknown, i) => {
      if (!isObject(item)) problems.push(`${where}.${key}[${i}] is not an object`);
      else if (key === 'lines') {
        for (const inner of ['pointers', 'modifiers'] as const) if (item[inner] !== undefined && !Array.isArray(item[inner])) problems.push(`${where}.lines[${i}].${inner} is not a list`);
      }
    });
  }
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
