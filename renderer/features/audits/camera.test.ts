import { describe, expect, it } from 'vitest';
import { barcodeDetectorClass, cameraErrorMessage } from './camera';
import { describeSave, safeFileName } from '../../lib/saveFile';

describe('camera scanning', () => {
  it('is offered only where the platform has a BarcodeDetector', () => {
    expect(barcodeDetectorClass({})).toBeNull();
    expect(barcodeDetectorClass({ BarcodeDetector: 'not a class' })).toBeNull();
    class FakeDetector {}
    expect(barcodeDetectorClass({ BarcodeDetector: FakeDetector })).toBe(FakeDetector);
  });

  it('explains a refused permission, a missing camera and a busy one', () => {
    expect(cameraErrorMessage(new DOMException('denied', 'NotAllowedError'))).toMatch(
      /^Camera access was denied/,
    );
    expect(cameraErrorMessage(new DOMException('none', 'NotFoundError'))).toMatch(/^No camera was found/);
    expect(cameraErrorMessage(new DOMException('busy', 'NotReadableError'))).toMatch(
      /in use by another application/,
    );
    expect(cameraErrorMessage(new Error('odd'))).toMatch(/could not be started/);
    expect(cameraErrorMessage('nonsense')).toMatch(/could not be started/);
  });
});

describe('saved files', () => {
  it('get names that are safe on every system', () => {
    expect(safeFileName('audit-Manchester printers, March', 'csv')).toBe(
      'audit-Manchester-printers-March.csv',
    );
    expect(safeFileName('../../etc/passwd', 'pdf')).toBe('etc-passwd.pdf');
    expect(safeFileName('   ', 'pdf')).toBe('outpost.pdf');
    expect(safeFileName('Café déjà vu', 'csv')).toBe('Cafe-deja-vu.csv');
  });

  it('say where they went', () => {
    expect(describeSave({ kind: 'saved', path: '/home/a/x.pdf' }, 'Labels')).toBe(
      'Labels saved to /home/a/x.pdf.',
    );
    expect(describeSave({ kind: 'downloaded' }, 'Report')).toBe('Report downloaded.');
    expect(describeSave({ kind: 'canceled' }, 'Report')).toBe('Not saved.');
  });
});
