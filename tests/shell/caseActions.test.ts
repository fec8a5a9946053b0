import { beforeEach, describe, expect, it, vi } from 'vitest';

const dialog = {
  showOpenDialog: vi.fn(),
  showMessageBox: vi.fn(async () => ({ response: 0 })),
};
vi.mock('electron', () => ({ dialog }));

const { createCaseActions } = await import('../../electron/shell/caseActions.js');

function setup() {
  const services = {
    dispatch: vi.fn(async () => ({ ok: true as const, value: null })),
    binary: vi.fn(),
    serveBinary: vi.fn(),
    openCase: vi.fn(async () => {}),
    dispose: vi.fn(),
  };
  const emit = vi.fn();
  return { services, emit, actions: createCaseActions({ services, emit, window: () => undefined }) };
}

beforeEach(() => {
  dialog.showOpenDialog.mockReset();
  dialog.showMessageBox.mockClear();
});

describe('case actions', () => {
  it('opens the folder chosen in the dialog', async () => {
    const { services, actions } = setup();
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/data/case-7'] });
    await actions.chooseAndOpen();
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(expect.objectContaining({ properties: ['openDirectory'] }));
    expect(services.openCase).toHaveBeenCalledWith('/data/case-7');
  });

  it('does nothing when the dialog is cancelled', async () => {
    const { services, actions } = setup();
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    await actions.chooseAndOpen();
    expect(services.openCase).not.toHaveBeenCalled();
  });

  it('shows why a case could not be opened', async () => {
    const { services, actions } = setup();
    services.openCase.mockRejectedValueOnce(new Error('No slides, variants or ctDNA files in /data/empty'));
    await actions.open('/data/empty');
    expect(dialog.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'error',
        message: 'Could not open the case',
        detail: 'No slides, variants or ctDNA files in /data/empty',
      }),
    );
  });

  it('closes the case and tells the page', async () => {
    const { services, emit, actions } = setup();
    await actions.close();
    expect(services.dispatch).toHaveBeenCalledWith('case.close', {});
    expect(emit).toHaveBeenCalledWith('case.changed', null);
  });
});
