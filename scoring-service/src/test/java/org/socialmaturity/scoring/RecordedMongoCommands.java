package org.socialmaturity.scoring;

import org.socialmaturity.testsupport.QueryIndexCheck;

import com.mongodb.event.CommandListener;

/** Every MongoDB command of the service under test, for {@link QueriesUseIndexesTest}. */
public class RecordedMongoCommands extends QueryIndexCheck.Recorder implements CommandListener {
}
