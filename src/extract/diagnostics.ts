// Collects the diagnostics of one form as the extractors run (a value plus its messages,
// never an exception for a doubtful cell).
import type { Origin } from '../model/document.js';
import type { DiagnosticCode } from '../dict/diagnostics.js';
import type { Diagnostic, Severity } from '../normalize/schema.js';

export class Diagnostics {
  readonly items: Diagnostic[] = [];

  add(
    code: DiagnosticCode,
    severity: Severity,
    message: string,
    path: string | null = null,
    provenance: Origin | null = null,
  ): void {
    this.items.push({ code, severity, message, path, provenance });
  }

  warn(
    code: DiagnosticCode,
    message: string,
    path: string | null = null,
    provenance: Origin | null = null,
  ): void {
    this.add(code, 'warning', message, path, provenance);
  }

  info(
    code: DiagnosticCode,
    message: string,
    path: string | null = null,
    provenance: Origin | null = null,
  ): void {
    this.add(code, 'info', message, path, provenance);
  }
}
