/** fontkit 2 ships no types; pdfkit takes its font objects as they are (PDFFontFactory: anything with layout()). */
declare module 'fontkit' {
  export interface Font {
    layout(text: string): unknown;
    readonly postscriptName: string;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
