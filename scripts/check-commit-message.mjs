#!/usr/bin/env node
// The commit-msg hook: a subject of at most 72 characters, then a blank line before the body.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: check-commit-message.mjs <commit message file>');
  process.exit(2);
}
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => !l.startsWith('#'));
const subject = lines[0] ?? '';
const problems = [];
if (!subject.trim()) {
  problems.push('the subject is empty');
}
if ([...subject].length > 72) {
  problems.push(
    `the subject has ${[...subject].length} characters (at most 72; put the detail in the body)`,
  );
}
if (lines.length > 1 && lines[1]?.trim() !== '') {
  problems.push('the second line must be blank (subject, blank line, body)');
}
if (problems.length) {
  console.error(`commit message: ${problems.join('; ')}`);
  process.exit(1);
}
