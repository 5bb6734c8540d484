// A host that embeds Baton gets the launcher, the shared API and the framework: not the demo, its
// charting (XChart) or JSON (Jackson) libraries, nor the CLI's picocli, nor the fleet agent (Curator, ZooKeeper).
def classpath = new File(basedir, 'classpath.txt').text
println classpath
assert classpath.contains('io.baton:container.launcher:jar')
assert classpath.contains('io.baton:container.core:jar')
assert classpath.contains('org.apache.felix:org.apache.felix.framework:jar')
['org.knowm.xchart', 'jackson-databind', 'io.baton:demo.cart', 'info.picocli', 'io.baton:fleet.agent', 'org.apache.curator', 'org.apache.zookeeper'].each { unwanted ->
    assert !classpath.contains(unwanted) : "a host class path must not hold ${unwanted}"
}
return true
