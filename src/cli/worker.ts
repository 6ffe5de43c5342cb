// A worker thread of the convert pool: reads one input file (or archive) and extracts its forms.
// Everything a file costs (parsing, pdf.js, SheetJS) runs here, off the main thread.
import { convertInput, type Converted, type Task } from './run.js';

export type { Task } from './run.js';

export default function extract(task: Task): Promise<Converted> {
  return convertInput(task);
}
