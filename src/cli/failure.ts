// The result recorded for a file that could not be extracted at all (unreadable, timed out …).
export { failure } from '../model/result.js';
