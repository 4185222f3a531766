import { describe, expect, it } from 'vitest';
import { shortOrgName } from '../../src/index.js';

describe('简称 by rule', () => {
  it.each([
    ['共青团余庆县白泥镇委员会', '白泥镇团委'],
    ['共青团余庆县龙溪镇委员会', '龙溪镇团委'],
    ['共青团余庆县白泥街道工作委员会', '白泥街道团工委'],
    ['共青团余庆县委员会', '余庆县团委'],
    ['共青团遵义市余庆县委员会', '余庆县团委'],
    ['共青团贵州省遵义市余庆县白泥镇委员会', '白泥镇团委'],
    ['共青团余庆中学总支部委员会', '余庆中学团总支'],
    ['共青团余庆县白泥镇满溪村支部委员会', '白泥镇满溪村团支部'],
    ['余庆县白泥镇满溪村团支部', '白泥镇满溪村团支部'],
    ['白泥镇青年创业园团支部', '白泥镇青年创业园团支部'],
    ['余中高一（10）班团支部', '余中高一（10）班团支部'],
  ])('%s → %s', (full, short) => {
    expect(shortOrgName(full)).toBe(short);
  });

  it('never empties a name and caps the length', () => {
    expect(shortOrgName('委员会')).toBe('团委');
    expect(shortOrgName('共青团')).toBe('共青团');
    expect(shortOrgName('很'.repeat(40)).length).toBe(30);
  });
});
