/** The laser pointer of tumor-board mode: a red dot that follows the mouse, above everything. */
import { useEffect, useRef } from 'react';
import './board.css';

export function LaserPointer() {
  const dot = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const move = (event: PointerEvent) => {
      if (dot.current) dot.current.style.transform = `translate(${event.clientX}px, ${event.clientY}px)`;
    };
    window.addEventListener('pointermove', move, { passive: true });
    return () => window.removeEventListener('pointermove', move);
  }, []);
  return <div ref={dot} className="laser-pointer" aria-hidden="true" data-testid="laser-pointer" />;
}
