/** @module Kept for the routes not yet moved: readUpload lives in platform/files/files.http.ts. */
export { readUpload } from '../files/files.http.ts';
