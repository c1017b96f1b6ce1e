/**
 * OpenGL (LWJGL: GLFW + OpenGL 3.3 core, stb_truetype) views of the workbench: every environment's scene, playback
 * of agents and human play ({@link org.rlgan.render.play.Player}), GAN views ({@link org.rlgan.render.gan}), and
 * offscreen rendering with readback for recording ({@link org.rlgan.render.Offscreen}). The only module that
 * imports LWJGL; it sees agents only through {@link org.rlgan.render.play.Policy}. Guide: docs/renderer.md.
 */
package org.rlgan.render;
