/** What the viewer shows about a slide, read from the level-0 header. */
import { basename, extname } from 'node:path';
import type { OpticalPath, PixelWindow } from '../../../../shared/model/slide.js';
import type { NaturalDataset } from './dcmjsBridge.js';
import { item, items, number, text } from './datasetValues.js';
import type { SlideInstance } from './slideInstance.js';

export function slideName(instance: SlideInstance): string {
  const ds = instance.header.dataset;
  return (
    text(ds, 'SeriesDescription') ?? text(ds, 'ContainerIdentifier') ?? basename(instance.file.path, extname(instance.file.path))
  );
}

export function objectivePower(instance: SlideInstance): number | undefined {
  return number(item(instance.header.dataset, 'OpticalPathSequence'), 'ObjectiveLensPower');
}

/** Optical paths of all levels, level 0 first, each once. */
export function opticalPaths(volumes: SlideInstance[]): OpticalPath[] {
  const paths = new Map<string, OpticalPath>();
  for (const instance of volumes) {
    const declared = items(instance.header.dataset, 'OpticalPathSequence');
    instance.opticalPathIds.forEach((id, index) => {
      if (paths.has(id)) return;
      const declaredPath = declared[index];
      const description = text(declaredPath, 'OpticalPathDescription');
      const wavelength = number(declaredPath, 'IlluminationWaveLength');
      const illumination = text(item(declaredPath, 'IlluminationTypeCodeSequence'), 'CodeValue');
      paths.set(id, {
        id,
        ...(description ? { description } : {}),
        ...(wavelength && wavelength > 0 ? { wavelength } : {}),
        // CID 8123: DCM 111743 "Epifluorescence illumination", 111749 "Total internal reflection
        // fluorescence"; 111744 is brightfield, 111741 transmission, 111742 reflection.
        ...(illumination === '111743' || illumination === '111749' ? { fluorescence: true } : {}),
      });
    });
  }
  return [...paths.values()];
}

export function specimenDescription(instance: SlideInstance): string | undefined {
  const specimen = item(instance.header.dataset, 'SpecimenDescriptionSequence');
  return text(specimen, 'SpecimenShortDescription') ?? text(specimen, 'SpecimenDetailedDescription');
}

/** "Using substance" (SCT 424361007, formerly SRT C-22968) in the specimen preparation steps. */
const USING_SUBSTANCE = new Set(['424361007', 'C-22968']);

export function stain(instance: SlideInstance): string | undefined {
  const substances: string[] = [];
  for (const specimen of items(instance.header.dataset, 'SpecimenDescriptionSequence')) {
    for (const step of items(specimen, 'SpecimenPreparationSequence')) {
      for (const content of items(step, 'SpecimenPreparationStepContentItemSequence')) {
        if (!USING_SUBSTANCE.has(text(item(content, 'ConceptNameCodeSequence'), 'CodeValue') ?? '')) continue;
        const substance = codeMeaning(item(content, 'ConceptCodeSequence')) ?? text(content, 'TextValue');
        if (substance && !substances.includes(substance)) substances.push(substance);
      }
    }
  }
  if (substances.length === 0) return undefined;
  const joined = substances.join(' + ');
  return /ha?ematoxylin/i.test(joined) && /eosin/i.test(joined) && substances.length === 2 ? 'H&E' : joined;
}

const codeMeaning = (code: NaturalDataset | undefined) => text(code, 'CodeMeaning');

/** Acquisition date (or content date) of the scan as YYYY-MM-DD. */
export function acquisitionDate(instance: SlideInstance): string | undefined {
  const ds = instance.header.dataset;
  const dateTime = text(ds, 'AcquisitionDateTime');
  const date = dateTime?.slice(0, 8) ?? text(ds, 'ContentDate') ?? text(ds, 'StudyDate');
  if (!date || !/^\d{8}$/.test(date)) return undefined;
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
}

/** The file's first VOI window, when it gives one with a positive width. */
export function defaultWindow(instance: SlideInstance): PixelWindow | undefined {
  const ds = instance.header.dataset;
  const center =
    number(ds, 'WindowCenter') ?? number(item(ds, 'SharedFunctionalGroupsSequence', 'FrameVOILUTSequence'), 'WindowCenter');
  const width =
    number(ds, 'WindowWidth') ?? number(item(ds, 'SharedFunctionalGroupsSequence', 'FrameVOILUTSequence'), 'WindowWidth');
  return center !== undefined && width !== undefined && width > 0 ? { center, width } : undefined;
}
