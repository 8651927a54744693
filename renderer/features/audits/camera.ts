/**
 * Camera scanning support: the browser's Barcode Detection API where the platform has one
 * (feature-detected, never assumed), and what to tell the user when the camera cannot start.
 */
/** The part of the Barcode Detection API used here (not in TypeScript's DOM library yet). */
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
export interface BarcodeDetectorClass {
  new (options?: { formats?: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
}

/** QR codes (our labels) and the 1-D codes vendors print on hardware. */
export const WANTED_FORMATS = [
  'qr_code',
  'code_128',
  'code_39',
  'code_93',
  'ean_13',
  'ean_8',
  'upc_a',
  'upc_e',
  'itf',
  'data_matrix',
];

export function barcodeDetectorClass(scope: unknown = globalThis): BarcodeDetectorClass | null {
  const candidate = (scope as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  return typeof candidate === 'function' ? candidate : null;
}

/** The sentence for a getUserMedia failure, by the DOMException name the browser gives. */
export function cameraErrorMessage(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'Camera access was denied. Allow Outpost to use the camera in the system or browser settings, or scan with a scanner or type the tag.';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') {
    return 'No camera was found on this device. Scan with a scanner or type the tag.';
  }
  if (name === 'NotReadableError' || name === 'AbortError') {
    return 'The camera is in use by another application or could not start. Close it there and try again.';
  }
  return 'The camera could not be started. Scan with a scanner or type the tag.';
}
