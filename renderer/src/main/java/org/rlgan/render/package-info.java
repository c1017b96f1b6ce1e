/**
 * LWJGL (GLFW + OpenGL 3.3 core) live playback of agents, GAN sample views, headless recording and human
 * play. Arrives with issue 9; nothing here yet. The only module that will import LWJGL.
 */
package org.rlgan.render;
