import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/text/language.js';

describe('detectLanguage', () => {
  it.each([
    ['nn', 'Vi treng ein partnar som har erfaring med velferdsteknologi i heimetenesta for eldre.'],
    ['nn', 'Kommunen ønskjer å styrkje biblioteket som møteplass for ungdom og innbyggjarar.'],
    ['nb', 'Vi trenger en partner som har erfaring med velferdsteknologi i hjemmetjenesten for eldre.'],
    ['nb', 'Kommunen ønsker å styrke biblioteket som møteplass for ungdom og innbyggere.'],
    ['en', 'We are looking for partners with experience of telecare for older people living at home.'],
    ['pl', 'Miasto chce rozwijać teleopiekę dla seniorów i usługi opiekuńcze.'],
    ['de', 'Wir suchen Partner für die Altenpflege und digitale Hausnotrufsysteme.'],
    ['sv', 'Kommunen söker partner inom välfärdsteknik och trygghetslarm för äldre.'],
    ['da', 'Kommunen søger partnere inden for velfærdsteknologi og ældrepleje i eget hjem.'],
    ['fi', 'Kunta etsii kumppaneita ikääntyneiden kotihoitoon ja turvarannekkeisiin.'],
    ['nl', 'De gemeente zoekt partners voor zorgtechnologie voor ouderen die thuis wonen.'],
    ['es', 'El ayuntamiento busca socios para la teleasistencia de las personas mayores.'],
    ['it', 'Il comune cerca partner per la teleassistenza degli anziani a domicilio.'],
    ['fr', 'La commune cherche des partenaires pour la téléassistance des personnes âgées.'],
  ])('detects %s', (code, text) => {
    expect(detectLanguage(text).code).toBe(code);
  });

  it('says und for text too short to tell', () => {
    expect(detectLanguage('ok').code).toBe('und');
  });
});
