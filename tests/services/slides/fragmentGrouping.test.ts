import { describe, expect, it } from 'vitest';
import { groupFragmentsIntoFrames, type FragmentEdges } from '../../../electron/services/slides/dicom/fragmentGrouping.js';

const edges = (head: number[], tail: number[]): FragmentEdges => ({ head: new Uint8Array(head), tail: new Uint8Array(tail) });
const START = [0xff, 0xd8];
const MIDDLE = [0x12, 0x34];
const END = [0x00, 0x00, 0xff, 0xd9];
const END_PADDED = [0x00, 0xff, 0xd9, 0x00];
const NO_END = [0x01, 0x02, 0x03, 0x04];

describe('grouping fragments into frames without an offset table', () => {
  it('one fragment per frame, or all fragments in one frame, need no markers', () => {
    expect(groupFragmentsIntoFrames(3, 3, 'other', () => edges([], []))).toEqual([0, 1, 2]);
    expect(groupFragmentsIntoFrames(4, 1, 'other', () => edges([], []))).toEqual([0]);
    expect(groupFragmentsIntoFrames(2, 3, 'jpeg', () => edges(START, END))).toBeUndefined();
  });

  it('a frame starts at a start marker right after an end marker (padding 00 allowed)', () => {
    const fragments = [
      edges(START, NO_END),
      edges(MIDDLE, END_PADDED),
      edges(START, NO_END),
      edges(MIDDLE, NO_END),
      edges(MIDDLE, END),
    ];
    expect(groupFragmentsIntoFrames(5, 2, 'jpeg', (i) => fragments[i])).toEqual([0, 2]);
  });

  it('a start marker inside a frame (previous fragment not ended) does not split it', () => {
    const fragments = [edges(START, NO_END), edges(START, END), edges(START, END)];
    expect(groupFragmentsIntoFrames(3, 2, 'jpeg', (i) => fragments[i])).toEqual([0, 2]);
  });

  it('JPEG 2000 codestreams start with FF4F', () => {
    const fragments = [edges([0xff, 0x4f], END), edges([0xff, 0x4f], NO_END), edges(MIDDLE, END)];
    expect(groupFragmentsIntoFrames(3, 2, 'j2k', (i) => fragments[i])).toEqual([0, 1]);
    expect(groupFragmentsIntoFrames(3, 2, 'jpeg', (i) => fragments[i])).toBeUndefined();
  });

  it('refuses when the markers do not give the frame count, or the codec is unknown', () => {
    const fragments = [edges(START, END), edges(START, END), edges(START, END)];
    expect(groupFragmentsIntoFrames(3, 2, 'jpeg', (i) => fragments[i])).toBeUndefined();
    expect(groupFragmentsIntoFrames(3, 2, 'other', (i) => fragments[i])).toBeUndefined();
  });
});
