/** The DICOM whole-slide reader (plain Node). */
export {
  readDicomHeader,
  isDicomFile,
  isBulkAnnotationsFile,
  WSI_SOP_CLASS_UID,
  BULK_ANNOTATIONS_SOP_CLASS_UID,
  type DicomHeaderSummary,
} from './header.js';
export { groupSlideSeries, type SlideSeries } from './series.js';
export { openDicomSlide } from './dicomSlide.js';
export { tileContentType } from './transferSyntax.js';
