export type IconImage = { size: number; png: Buffer };
export declare function pngSize(png: Buffer): { width: number; height: number };
export declare function icoFromPngs(images: IconImage[]): Buffer;
export declare const ICNS_TYPES: Record<number, string>;
export declare function icnsFromPngs(images: IconImage[]): Buffer;
export declare function readIco(ico: Buffer): IconImage[];
export declare function readIcns(icns: Buffer): { type: string; data: Buffer }[];
