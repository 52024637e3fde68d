/** A response body's JSON, or undefined when it is empty or not JSON (tests then assert on the text). */
export function jsonOrUndefined(text: string): any {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
