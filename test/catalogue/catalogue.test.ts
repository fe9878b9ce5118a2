import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.js';
import { THEME_LANGUAGES } from '../../src/catalogue/schema.js';
import { PROGRAMME_CODES } from '../../src/profiles/schema.js';

const catalogue = loadCatalogue();

describe('catalogues', () => {
  it('has every programme code of the spec with nb, nn and en names, countries and a link', () => {
    expect(catalogue.programmes.map((p) => p.code).sort()).toEqual([...PROGRAMME_CODES].sort());
    expect(catalogue.programmeCodes.get('kreativt-europa')).toBe('creative-europe');
    for (const p of catalogue.programmes) {
      expect(p.names.nn && p.names.nb && p.names.en).toBeTruthy();
      expect(p.participation.countries.length).toBeGreaterThan(0);
      expect(p.url).toMatch(/^https:\/\//);
    }
    const eea = catalogue.programmeByCode.get('eea-grants')!;
    expect(eea.roles?.beneficiary).toContain('PL');
    expect(eea.roles?.donor).toContain('NO');
    const sn = catalogue.programmeByCode
      .get('interreg')!
      .strands.find((s) => s.id === 'interreg-sverige-norge');
    expect(sn?.regions?.NO).toContain('Trøndelag');
  });

  it('has at least 40 themes, each labelled and searchable in twelve languages', () => {
    expect(catalogue.themes.length).toBeGreaterThanOrEqual(40);
    for (const t of catalogue.themes)
      for (const l of THEME_LANGUAGES) {
        expect(t.labels[l], `${t.code} label ${l}`).toBeTruthy();
        expect(t.terms[l].length, `${t.code} terms ${l}`).toBeGreaterThan(0);
      }
    for (const code of [
      'elderly-care',
      'welfare-technology',
      'local-community-development',
      'entrepreneurship',
      'tourism',
      'green-growth',
      'aquaculture',
      'climate-adaptation',
      'school-development',
      'library-development',
      'adult-education',
      'youth-work',
      'integration-inclusion',
      'smart-city',
      'public-administration',
      'culture',
    ])
      expect(catalogue.themeByCode.has(code), code).toBe(true);
  });
});

describe('theme inference', () => {
  const infer = (text: string) => catalogue.matcher.infer(text);
  it.each([
    [
      'nn',
      'Vi treng partnarar med erfaring frå velferdsteknologi i heimetenesta for eldre.',
      ['welfare-technology', 'elderly-care'],
    ],
    [
      'nb',
      'Kommunen vil bruke mer velferdsteknologi i hjemmetjenesten og på sykehjemmene.',
      ['welfare-technology'],
    ],
    [
      'en',
      'Youth unemployment is high and young people leave our small town after school.',
      ['youth-employment'],
    ],
    ['pl', 'Miasto chce rozwijać teleopiekę dla seniorów i usługi opiekuńcze w domu.', ['elderly-care']],
    ['pl', 'Gospodarka odpadami i recykling odpadów komunalnych to nasz priorytet.', ['waste-management']],
    ['de', 'Wir suchen Partner für Hausnotruf und die Pflege älterer Menschen.', ['elderly-care']],
    ['sv', 'Klimatanpassning: kommunen drabbas av översvämningar och skyfall.', ['climate-adaptation']],
    [
      'nn',
      'Biblioteket skal bli ein møteplass, og vi vil styrkje lesing blant born.',
      ['library-development'],
    ],
    ['nb', 'Oppdrett av laks og skjell: vi ser etter partnere innen havbruk.', ['aquaculture']],
    ['en', 'Integration of refugees through language courses for adults.', ['integration-inclusion']],
  ])('%s: %s', (_lang, text, expected) => {
    expect(infer(text)).toEqual(expect.arrayContaining(expected));
  });

  it('finds nothing in text without a theme', () => {
    expect(infer('Kontoret er ope måndag til fredag.')).toEqual([]);
  });
});
