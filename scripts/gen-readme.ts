// Writes the inputs and outputs tables of each actions/<name>/README.md from its action.yml, so the
// docs cannot drift from the metadata. Text outside the generated block is the author's.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface ActionMetadata {
  name: string;
  description: string;
  inputs?: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description: string }>;
}

const START = '<!-- BEGIN GENERATED: inputs and outputs from action.yml -->';
const END = '<!-- END GENERATED -->';
const escapeCell = (text: string) =>
  text
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();

export function renderTables(meta: ActionMetadata): string {
  const inputs = Object.entries(meta.inputs ?? {}).map(
    ([name, input]) =>
      `| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${input.default === undefined ? '' : `\`${escapeCell(String(input.default))}\``} | ${escapeCell(input.description)} |`,
  );
  const outputs = Object.entries(meta.outputs ?? {}).map(
    ([name, output]) => `| \`${name}\` | ${escapeCell(output.description)} |`,
  );
  return [
    START,
    '## Inputs',
    '',
    '| Name | Required | Default | Description |',
    '| --- | --- | --- | --- |',
    ...inputs,
    '',
    '## Outputs',
    '',
    '| Name | Description |',
    '| --- | --- |',
    ...outputs,
    END,
  ].join('\n');
}

for (const name of readdirSync('actions')) {
  const metaFile = join('actions', name, 'action.yml');
  if (!existsSync(metaFile)) continue;
  const meta = parse(readFileSync(metaFile, 'utf8')) as ActionMetadata;
  const readmeFile = join('actions', name, 'README.md');
  const current = existsSync(readmeFile)
    ? readFileSync(readmeFile, 'utf8')
    : `# ${name}\n\n${meta.description}\n\n${START}\n${END}\n`;
  const begin = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    begin >= 0 && end > begin
      ? `${current.slice(0, begin)}${renderTables(meta)}${current.slice(end + END.length)}`
      : `${current.trimEnd()}\n\n${renderTables(meta)}\n`;
  if (next !== current) {
    writeFileSync(readmeFile, next);
    console.log(`wrote ${readmeFile}`);
  }
}
