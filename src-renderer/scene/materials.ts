import { DoubleSide, MeshStandardMaterial } from 'three';

/**
 * Module-level, shared by every plant and every mesh: one material per look keeps the number of
 * shader programs and state changes constant however many stations a plant has.
 */
/** Little metalness: without an environment map a metallic surface renders dark, and the machines must read from across a booth. */
export const EQUIPMENT_MATERIAL = new MeshStandardMaterial({ vertexColors: true, roughness: 0.6, metalness: 0.08 });
/**
 * The same look for meshes of another kind: three.js keeps one program per material, so a material
 * shared by instanced-with-colour bodies, instanced moving parts and the plain hall mesh switches
 * (and looks up) its program on every draw of every frame.
 */
export const MOVER_MATERIAL = EQUIPMENT_MATERIAL.clone();
export const HALL_MATERIAL = EQUIPMENT_MATERIAL.clone();
export const PRODUCT_MATERIAL = new MeshStandardMaterial({ color: '#ffffff', roughness: 0.7, metalness: 0.05 });
export const FLOOR_MATERIAL = new MeshStandardMaterial({ color: '#cfd2d5', roughness: 1, metalness: 0, side: DoubleSide });
