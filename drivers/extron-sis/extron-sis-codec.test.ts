import { expect, it } from 'vitest';
import { parseSisLine, SIS, sisReply } from './extron-sis-codec.js';
import { SisCommandReader } from './extron-sis-switcher-model.js';

it('writes the commands of the SIS tables', () => {
  expect(SIS.tie(1, 2)).toBe('1*2!');
  expect(SIS.selectInput(2)).toBe('2!');
  expect([SIS.firmware, SIS.partNumber, SIS.information]).toEqual(['Q', 'N', 'I']);
  expect(SIS.verboseMode(3)).toBe('\x1b3CV\r');
});

it('reads the answers of the tables, plain and zero-padded', () => {
  expect(parseSisLine('Out2 In1 All')).toEqual({ kind: 'tie', output: 2, input: 1, signal: 'All' });
  expect(parseSisLine('Out03 In01 All')).toEqual({ kind: 'tie', output: 3, input: 1, signal: 'All' });
  expect(parseSisLine('Out14 In12 Aud')).toEqual({ kind: 'tie', output: 14, input: 12, signal: 'Aud' });
  expect(parseSisLine('In05 All')).toEqual({ kind: 'all', input: 5, signal: 'All' });
  expect(parseSisLine('Vrb3')).toEqual({ kind: 'verbose', mode: 3 });
  expect(parseSisLine('1.23')).toEqual({ kind: 'version', version: '1.23' });
  expect(parseSisLine('60-1159-01')).toEqual({ kind: 'part-number', partNumber: '60-1159-01' });
  expect(parseSisLine('V32X16 A32X16')).toEqual({ kind: 'size', inputs: 32, outputs: 16 });
  expect(parseSisLine('Login Administrator')).toEqual({ kind: 'login', level: 'administrator' });
  expect(parseSisLine('Qik')).toEqual({ kind: 'qik' });
});

it('names each error reply by its meaning', () => {
  expect(parseSisLine('E01')).toEqual({ kind: 'error', code: 'E01', meaning: 'invalid input number' });
  expect(parseSisLine('E10')).toEqual({ kind: 'error', code: 'E10', meaning: 'invalid command' });
  expect(parseSisLine('E13')).toEqual({ kind: 'error', code: 'E13', meaning: 'invalid value' });
  expect(parseSisLine('E99')).toMatchObject({ kind: 'error', code: 'E99', meaning: 'unknown error' });
});

it('reads the banner: model, firmware and part number, then the clock line', () => {
  expect(parseSisLine('(c) Copyright 2008, Extron Electronics, SW4 3G, V1.02, 60-1234-01')).toEqual({
    kind: 'copyright',
    model: 'SW4 3G',
    firmware: '1.02',
    partNumber: '60-1234-01',
  });
  expect(parseSisLine(sisReply.date(new Date(Date.UTC(2026, 11, 6, 10, 15))).trim())).toEqual({ kind: 'date' });
  expect(parseSisLine('SSH-2.0-OpenSSH_9.2')).toEqual({ kind: 'unknown', line: 'SSH-2.0-OpenSSH_9.2' });
});

it('reads commands from a stream as a switcher does: up to the command character, an Esc command up to its CR', () => {
  const reader = new SisCommandReader();
  expect(reader.push('1*')).toEqual([]);
  expect(reader.push('2!Q\x1b3C')).toEqual(['1*2!', 'Q']);
  expect(reader.push('V\r\r\n5*!')).toEqual(['\x1b3CV', '5*!']);
});
