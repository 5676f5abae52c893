import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isTaskDefinitionFile,
  matchesRegistered,
  readTaskDefinitionFile,
  taskDefinitionPath,
} from '../../../shared/providers/ecs/task-definition';

const folder = mkdtempSync(join(tmpdir(), 'taskdef-unit-'));
const write = (name: string, content: string) => {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
};

describe('task definition files', () => {
  it('tells a file from an ARN or family:revision, and resolves it against the workspace', () => {
    expect(isTaskDefinitionFile('deploy/task-definition.json')).toBe(true);
    expect(isTaskDefinitionFile('shop:42')).toBe(false);
    expect(taskDefinitionPath('deploy/td.json', '/work/repo')).toBe('/work/repo/deploy/td.json');
    expect(taskDefinitionPath('/abs/td.json', '/work/repo')).toBe('/abs/td.json');
  });

  it('reads the registration fields, from a plain file or describe-task-definition output', () => {
    const plain = write(
      'plain.json',
      JSON.stringify({ family: 'shop', containerDefinitions: [{ name: 'app' }], cpu: '256' }),
    );
    expect(readTaskDefinitionFile(plain, 'task-definition')).toEqual({
      family: 'shop',
      containerDefinitions: [{ name: 'app' }],
      cpu: '256',
    });
    const described = write(
      'described.json',
      JSON.stringify({
        taskDefinition: {
          family: 'shop',
          containerDefinitions: [{ name: 'app' }],
          taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/shop:3',
          revision: 3,
          status: 'ACTIVE',
          requiresAttributes: [],
          compatibilities: ['FARGATE'],
          registeredAt: '2026-01-01T00:00:00Z',
          registeredBy: 'arn:aws:iam::123456789012:role/deploy',
        },
      }),
    );
    expect(readTaskDefinitionFile(described, 'task-definition')).toEqual({
      family: 'shop',
      containerDefinitions: [{ name: 'app' }],
    });
  });

  it('names the input and the problem for a missing, malformed or incomplete file', () => {
    const read = (path: string) => () => readTaskDefinitionFile(path, 'task-definition');
    expect(read(join(folder, 'absent.json'))).toThrow(/input "task-definition": cannot read/);
    expect(read(write('broken.json', '{'))).toThrow(/is not JSON/);
    expect(read(write('array.json', '[]'))).toThrow(/is not a JSON object/);
    expect(
      read(write('family.json', JSON.stringify({ family: 'shop app', containerDefinitions: [{}] }))),
    ).toThrow(/no valid "family"/);
    expect(read(write('nocontainers.json', JSON.stringify({ family: 'shop' })))).toThrow(
      /no "containerDefinitions"/,
    );
  });

  it('matches a registered revision that holds every field of the file, defaults aside', () => {
    const spec = { family: 'shop', containerDefinitions: [{ name: 'app', image: 'shop:v4' }], cpu: '256' };
    const registered = {
      ...spec,
      containerDefinitions: [{ name: 'app', image: 'shop:v4', environment: [], mountPoints: [] }],
      revision: 4,
      status: 'ACTIVE',
    };
    expect(matchesRegistered(spec, registered)).toBe(true);
    expect(matchesRegistered({ ...spec, cpu: '512' }, registered)).toBe(false);
    expect(
      matchesRegistered({ ...spec, containerDefinitions: [{ name: 'app', image: 'shop:v5' }] }, registered),
    ).toBe(false);
    expect(matchesRegistered({ ...spec, containerDefinitions: [] }, registered)).toBe(false);
  });
});
