import type { SourceLocation } from './model.js';

/**
 * JSON pointer → where it came from. A pointer with no entry (a missing field) falls back to
 * its nearest recorded ancestor, which is where the field should have been.
 */
export class LocationMap {
  private readonly entries = new Map<string, SourceLocation>();

  constructor(private readonly fallback: SourceLocation) {}

  set(pointer: string, location: SourceLocation): void {
    this.entries.set(pointer, location);
  }

  locate(pointer: string): SourceLocation {
    let current = pointer;
    for (;;) {
      const found = this.entries.get(current);
      if (found) return found;
      const cut = current.lastIndexOf('/');
      if (cut <= 0) return this.entries.get('') ?? this.fallback;
      current = current.slice(0, cut);
    }
  }
}

export { escapePointerToken } from '../util/json-position.js';
