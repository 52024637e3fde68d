// The queue editor's draft checks, without a browser: each problem is the validity flag a native control would set.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDraft, EMPTY_DRAFT, MAX_RESERVED_WORKERS, NAME_MAX_LENGTH } from '../../src/elements/tr-queue-editor/queue-form.js';

const draft = (fields: Partial<typeof EMPTY_DRAFT>) => ({ ...EMPTY_DRAFT, FriendlyName: 'Support', ...fields });

describe('checkDraft', () => {
  it('flags MaxReservedWorkers as a number input with min 1, max MAX_RESERVED_WORKERS and step 1 would', () => {
    const flag = (value: string) => checkDraft(draft({ MaxReservedWorkers: value })).MaxReservedWorkers;
    assert.equal(MAX_RESERVED_WORKERS, 50);
    assert.equal(flag(' '), 'valueMissing');
    assert.equal(flag('0'), 'rangeUnderflow');
    assert.equal(flag('51'), 'rangeOverflow');
    assert.equal(flag('Infinity'), 'rangeOverflow');
    assert.equal(flag('many'), 'badInput');
    assert.equal(flag('2.5'), 'stepMismatch');
    assert.equal(flag('1'), undefined);
    assert.equal(flag(String(MAX_RESERVED_WORKERS)), undefined);
  });

  it('flags a missing or too long name, and keeps the parser error of TargetWorkers', () => {
    assert.equal(checkDraft(draft({ FriendlyName: '  ' })).FriendlyName, 'valueMissing');
    assert.equal(checkDraft(draft({ FriendlyName: 'x'.repeat(NAME_MAX_LENGTH + 1) })).FriendlyName, 'tooLong');
    assert.equal(checkDraft(draft({ TargetWorkers: 'skills HAS' })).TargetWorkers?.line, 1);
    assert.deepEqual(checkDraft(draft({ TargetWorkers: 'skills HAS "support"' })), {});
  });
});
