// Action bodies are held to the action's parameters in the schema, with OData's messages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runDeviceAction } from '../../../src/emulator/graph/actions/index.ts';
import { mac, supervisedIphone, windowsPc } from './helpers/devices.ts';
import { assertAccepted, assertRefused } from './helpers/outcome.ts';
import { harness } from './helpers/tenant.ts';

describe('action bodies', () => {
  it('accepts a parameterless action with no body, an empty body or null', () => {
    const pc = windowsPc();
    const { deps } = harness([pc]);
    assertAccepted(runDeviceAction(deps, pc, 'syncDevice', undefined, 'v1.0'));
    assertAccepted(runDeviceAction(deps, pc, 'rebootNow', {}, 'v1.0'));
    assertAccepted(runDeviceAction(deps, pc, 'windowsDefenderUpdateSignatures', null, 'v1.0'));
  });

  it('rejects a parameter the action does not have', () => {
    const pc = windowsPc();
    const { deps } = harness([pc]);
    const error = assertRefused(runDeviceAction(deps, pc, 'syncDevice', { force: true }, 'v1.0'));
    assert.equal(error.code, 'BadRequest');
    assert.equal(error.message, "The parameter 'force' in the request payload is not a valid parameter for the operation 'syncDevice'.");
  });

  it('matches parameter names exactly, even though the action segment is case-insensitive', () => {
    const pc = windowsPc();
    const { deps } = harness([pc]);
    const error = assertRefused(runDeviceAction(deps, pc, 'WINDOWSDEFENDERSCAN', { QuickScan: true }, 'v1.0'));
    assert.match(error.message, /'QuickScan' in the request payload is not a valid parameter for the operation 'windowsDefenderScan'/);
    assertAccepted(runDeviceAction(deps, pc, 'WINDOWSDEFENDERSCAN', { quickScan: true }, 'v1.0'));
  });

  it('rejects a value of the wrong type', () => {
    const pc = windowsPc();
    const { deps } = harness([pc]);
    const error = assertRefused(runDeviceAction(deps, pc, 'wipe', { keepUserData: 'yes' }, 'v1.0'));
    assert.equal(error.message, "Cannot convert the literal 'yes' to the expected type 'Edm.Boolean'.");
    const nested = assertRefused(runDeviceAction(deps, pc, 'cleanWindowsDevice', { keepUserData: { value: true } }, 'v1.0'));
    assert.match(nested.message, /unexpected 'StartObject' node .* 'PrimitiveValue' node was expected/);
  });

  it('reports missing non-nullable parameters by name', () => {
    const pc = windowsPc();
    const { deps } = harness([pc]);
    const scan = assertRefused(runDeviceAction(deps, pc, 'windowsDefenderScan', {}, 'v1.0'));
    assert.equal(scan.message, "One or more parameters of the operation 'windowsDefenderScan' are missing from the request payload. The missing parameters are: quickScan.");
    const clean = assertRefused(runDeviceAction(deps, pc, 'cleanWindowsDevice', undefined, 'beta'));
    assert.match(clean.message, /The missing parameters are: keepUserData\.$/);
  });

  it('rejects null for a non-nullable parameter', () => {
    const pc = windowsPc();
    const { deps } = harness([pc]);
    const error = assertRefused(runDeviceAction(deps, pc, 'windowsDefenderScan', { quickScan: null }, 'v1.0'));
    assert.match(error.message, /A null value was found for the property named 'quickScan'.*Edm\.Boolean\[Nullable=False\]/);
  });

  it('lets nullable wipe options be left out or null', () => {
    const a = windowsPc('PC-A');
    const b = windowsPc('PC-B');
    const { deps } = harness([a, b]);
    assertAccepted(runDeviceAction(deps, a, 'wipe', { keepEnrollmentData: null, macOsUnlockCode: null }, 'v1.0'));
    assertAccepted(runDeviceAction(deps, b, 'wipe', undefined, 'v1.0'));
  });

  it('holds complex parameters to their type, including enum members', () => {
    const pc = windowsPc();
    const { deps } = harness([pc]);
    const unknown = assertRefused(runDeviceAction(deps, pc, 'createDeviceLogCollectionRequest', { templateType: { template: 'predefined' } }, 'beta'));
    assert.match(unknown.message, /The property 'template' does not exist on type 'microsoft\.graph\.deviceLogCollectionRequest'/);
    const badEnum = assertRefused(runDeviceAction(deps, pc, 'createDeviceLogCollectionRequest', { templateType: { templateType: 'everything' } }, 'beta'));
    assert.equal(badEnum.message, "Cannot convert the literal 'everything' to the expected type 'microsoft.graph.deviceLogCollectionTemplateType'.");
    assertAccepted(
      runDeviceAction(deps, pc, 'createDeviceLogCollectionRequest', { templateType: { '@odata.type': 'microsoft.graph.deviceLogCollectionRequest', id: 'x', templateType: 'predefined' } }, 'beta'),
    );
  });

  it('accepts the documented wipe obliterationBehavior with a valid member only', () => {
    const a = mac('MAC-A');
    const b = mac('MAC-B');
    const { deps } = harness([a, b]);
    const bad = assertRefused(runDeviceAction(deps, a, 'wipe', { obliterationBehavior: 'sometimes' }, 'v1.0'));
    assert.match(bad.message, /Cannot convert the literal 'sometimes'/);
    assertAccepted(runDeviceAction(deps, b, 'wipe', { macOsUnlockCode: '123456', obliterationBehavior: 'obliterateWithWarning' }, 'v1.0'));
  });

  it('rejects a body that is not an object', () => {
    const phone = supervisedIphone();
    const { deps } = harness([phone]);
    assertRefused(runDeviceAction(deps, phone, 'syncDevice', ['now'], 'v1.0'));
    assertRefused(runDeviceAction(deps, phone, 'syncDevice', 'now', 'v1.0'));
  });

  it('validates before it looks at the platform, as the OData layer parses first', () => {
    const phone = supervisedIphone();
    const { deps } = harness([phone]);
    const error = assertRefused(runDeviceAction(deps, phone, 'windowsDefenderScan', { quickScan: 1 }, 'v1.0'));
    assert.match(error.message, /Cannot convert the literal '1' to the expected type 'Edm\.Boolean'/);
  });

  it('requires what an action cannot do without, even where the CSDL allows null', () => {
    const phone = supervisedIphone();
    const { deps } = harness([phone]);
    const error = assertRefused(runDeviceAction(deps, phone, 'setDeviceName', {}, 'beta'));
    assert.match(error.message, /The missing parameters are: deviceName\./);
    const blank = assertRefused(runDeviceAction(deps, phone, 'setDeviceName', { deviceName: '  ' }, 'beta'));
    assert.match(blank.message, /must not be empty/);
    const lost = assertRefused(runDeviceAction(deps, phone, 'enableLostMode', { footer: 'Contoso IT' }, 'beta'));
    assert.match(lost.message, /message or a phone number/);
  });

  it('changes nothing on the device when it refuses', () => {
    const pc = windowsPc();
    const { deps, changed, scheduler } = harness([pc]);
    const before = JSON.stringify(pc.props);
    assertRefused(runDeviceAction(deps, pc, 'wipe', { keepUserData: 'no' }, 'v1.0'));
    assert.equal(JSON.stringify(pc.props), before);
    assert.deepEqual(changed, []);
    assert.equal(scheduler.pending, 0);
  });
});
