/**
 * Compiled models as the runtime sees them: the {@link dev.tnet.runtime.model.CompiledModel} API,
 * the {@link dev.tnet.runtime.model.GeneratedModel} superclass of generated classes, the
 * {@link dev.tnet.runtime.model.WorkerPool} that runs parallel loops, and loading ahead-of-time
 * jars ({@link dev.tnet.runtime.model.ModelJar}) with nothing but this module on the class path.
 */
package dev.tnet.runtime.model;
